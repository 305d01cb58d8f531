// Hands bytes to the browser as a download under a file name (the web host's way to give a user a result file).

export function saveToDownloads(file: { name: string; mimeType: string; base64: string }): void {
  const link = document.createElement('a');
  link.href = `data:${file.mimeType};base64,${file.base64}`;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
}
