// Where a batch writes each input's outputs. Names keep the input's whole file name, extension included,
// and mirror its sub-folder, so `a/x.jpg` and `b/x.png` never collide and neither do `x.jpg` and `x.png`
// side by side: `a/x.jpg` → `a/x.jpg.cutout.png` + `a/x.jpg.mask.png`.

/** Suffixes appended to the input's relative path, per job. */
export const OUTPUT_SUFFIXES = {
  cutout: '.cutout.png',
  mask: '.mask.png',
  img2img: '.img2img.png',
  upscale: '.upscaled.png',
} as const;

/** Outputs of one cut-out: the RGBA cut-out, then the mask (grey, 255 = object). */
export function cutoutOutputs(inputRel: string): [cutout: string, mask: string] {
  return [inputRel + OUTPUT_SUFFIXES.cutout, inputRel + OUTPUT_SUFFIXES.mask];
}

export function img2imgOutput(inputRel: string): string {
  return inputRel + OUTPUT_SUFFIXES.img2img;
}

export function upscaleOutput(inputRel: string): string {
  return inputRel + OUTPUT_SUFFIXES.upscale;
}

/**
 * Generate items are image `k` (1-based) of the prompt on line `line` (1-based) of the prompts file:
 * input id `prompts.txt#L3#2`, output `prompts-L0003-2.png`. The line is zero-padded so that a folder
 * listing sorts in prompt order; the name never depends on the seed, so a redo replaces its own file.
 */
export function generateItemId(promptsFileName: string, line: number, k: number): string {
  return `${promptsFileName}#L${line}#${k}`;
}

export function generateOutput(promptsFileName: string, line: number, k: number): string {
  const stem = promptsFileName.replace(/\.[^.]*$/, '') || promptsFileName;
  return `${stem}-L${String(line).padStart(4, '0')}-${k}.png`;
}

/**
 * Version `n` (≥ 2) of an output, for a changed input whose earlier outputs are kept: `.v2` goes before the job's
 * suffix or the extension, so `x.cutout.png` → `x.v2.cutout.png`, `prompts-L0003-1.png` → `prompts-L0003-1.v2.png`.
 */
export function versionedOutput(output: string, n: number): string {
  const suffix = Object.values(OUTPUT_SUFFIXES).find((s) => output.endsWith(s)) ?? /\.[^./]*$/.exec(output)?.[0] ?? '';
  return `${output.slice(0, output.length - suffix.length)}.v${n}${suffix}`;
}

/** True for names a batch writes, so that an output folder equal to the input folder is not re-read as input. */
export function isBatchOutputName(name: string): boolean {
  return Object.values(OUTPUT_SUFFIXES).some((suffix) => name.endsWith(suffix));
}
