// Where a batch writes each input's outputs. Names are the input's relative path without its extension plus the
// job's suffix, its sub-folder mirrored: `a/x.jpg` → `a/x.cutout.png` + `a/x.mask.png`. Where two inputs would
// share a name (`x.jpg` and `x.png` side by side) output-plan.ts gives the later one its extension back
// (`x.png.cutout.png`, the form batches used before), and inputs done before keep the names their manifest lines
// record, so folders made with the older names resume without redoing or duplicating anything.

/** Suffixes appended to the input's relative path without its extension, per job. */
export const OUTPUT_SUFFIXES = {
  cutout: '.cutout.png',
  mask: '.mask.png',
  img2img: '.img2img.png',
  upscale: '.upscaled.png',
  /** Prompt mode `everything`: every mask segment-everything found in the image (regions-file.ts). */
  regions: '.regions.json',
} as const;

/** `a/x.jpg` → `a/x`; a name without an extension (or a dot file) stays whole. */
export function stemOf(inputRel: string): string {
  const slash = inputRel.lastIndexOf('/');
  const dot = inputRel.lastIndexOf('.');
  return dot > slash + 1 ? inputRel.slice(0, dot) : inputRel;
}

/** Outputs of one cut-out: the RGBA cut-out, then the mask (grey, 255 = object). */
export function cutoutOutputs(inputRel: string): [cutout: string, mask: string] {
  const stem = stemOf(inputRel);
  return [stem + OUTPUT_SUFFIXES.cutout, stem + OUTPUT_SUFFIXES.mask];
}

/** Output of one image in prompt mode `everything`: its regions file. */
export function regionsOutput(inputRel: string): string {
  return stemOf(inputRel) + OUTPUT_SUFFIXES.regions;
}

export function img2imgOutput(inputRel: string): string {
  return stemOf(inputRel) + OUTPUT_SUFFIXES.img2img;
}

/** An output named from its input's stem, with the input's extension put back: `x.cutout.png` of `x.png` → `x.png.cutout.png`. */
export function withInputExtension(output: string, inputRel: string): string | null {
  const stem = stemOf(inputRel);
  return stem !== inputRel && output.startsWith(stem + '.') ? inputRel + output.slice(stem.length) : null;
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
