// Which upscaler model the canvas's Upscale action runs: the one picked, while it is still listed and usable,
// else the first usable upscaler.
import type { InstalledModelInfo } from '../../../../native-models/api/index.ts';

export function usableUpscalers(models: readonly InstalledModelInfo[]): InstalledModelInfo[] {
  return models.filter((m) => m.report.kind === 'upscaler' && m.report.usable);
}

export function upscalerOf(models: readonly InstalledModelInfo[], picked: string | null): string | undefined {
  const usable = usableUpscalers(models);
  return (usable.find((m) => m.id === picked) ?? usable[0])?.id;
}
