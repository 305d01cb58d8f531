// Click latency of the SAM-sized decoder in each export form a user can install — the official export's
// multimask decoder, its --return-single-mask form, and that form quantised (the official web demo's decoder) —
// through SamSegmenter.predict and as raw runs against onnxruntime-web's WASM backend, at the thread count
// onnxruntime-web picks by itself (what the demo gets) and at one thread per core.
import os from 'node:os';
import type { SamSegmenter } from '../native-models/pipelines/segment/index.ts';
import { measureClicks, openWithImage, type ClickBreakdown } from './sam-latency.ts';
import { compareDecoderNodeWasm, ortWebDefaultThreads, type DecoderComparison } from './wasm-click-latency.ts';
import { ms, ratio, type Row } from './results-table.ts';

export interface DecoderVariantTimes {
  label: string;
  clicks: ClickBreakdown;
  /** WASM at onnxruntime-web's default thread count. */
  wasmDefault: DecoderComparison;
  /** WASM at one thread per core (only when that differs from the default). */
  wasmAllCores: DecoderComparison | undefined;
}

export interface DecoderVariant {
  label: string;
  samDir: string;
  decoderFile: string;
  /** A segmenter on samDir that already has an image set (saves an encoder run); else one is opened. */
  segmenter?: SamSegmenter;
}

/**
 * The click half alone (what `--only=click` runs): every variant's clicks through SamSegmenter.predict, taking
 * turns. Segmenters are opened one after the other (each runs its encoder once) and released afterwards.
 */
export async function measureVariantClicks(variants: readonly DecoderVariant[], clicks: number, log: (m: string) => void): Promise<ClickBreakdown[]> {
  const segmenters: SamSegmenter[] = [];
  for (const variant of variants) segmenters.push(variant.segmenter ?? (await openWithImage(variant.samDir)));
  log(variants.length === 1 ? `  ${clicks} clicks on ${variants[0]!.label}…` : `  ${clicks} clicks on each of ${variants.length} decoders, taking turns…`);
  return measureClicks(segmenters, clicks).finally(() => Promise.all(segmenters.map((s) => s.release())));
}

/** Clicks on every variant (measureVariantClicks: same machine phases for all), then each variant's node/WASM comparison. */
export async function measureDecoderVariants(variants: readonly DecoderVariant[], clicks: number, wasmClicks: number, log: (m: string) => void): Promise<DecoderVariantTimes[]> {
  const clickTimes = await measureVariantClicks(variants, clicks, log);
  const cores = os.cpus().length;
  const defaultThreads = ortWebDefaultThreads(cores);
  const times: DecoderVariantTimes[] = [];
  for (const [k, variant] of variants.entries()) {
    log(`  ${variant.label}: ${wasmClicks} node/WASM runs at ${defaultThreads}${cores === defaultThreads ? '' : ` and ${cores}`} WASM thread(s)…`);
    const wasmDefault = await compareDecoderNodeWasm(variant.decoderFile, wasmClicks, defaultThreads);
    const wasmAllCores = cores === defaultThreads ? undefined : await compareDecoderNodeWasm(variant.decoderFile, wasmClicks, cores);
    times.push({ label: variant.label, clicks: clickTimes[k]!, wasmDefault, wasmAllCores });
  }
  return times;
}

/** The official web demo's decoder (single-mask export, quantize_dynamic's int8 layers): the goal's click figures. */
export const DEMO_DECODER_LABEL = "official web demo's decoder (single-mask, int8)";

/** `<key>_click_…` fields of bench-results.json: one variant's clicks through SamSegmenter.predict. */
export function clickFields(key: string, clicks: ClickBreakdown): Record<string, number> {
  return {
    [`${key}_click_p50_ms`]: clicks.p50Ms,
    [`${key}_click_p95_ms`]: clicks.p95Ms,
    [`${key}_click_outside_decoder_p50_ms`]: clicks.outsideDecoderP50Ms,
    [`${key}_click_non_spinning_clicks`]: clicks.nonSpinningClicks,
  };
}

/** `<key>_…` fields of bench-results.json for one variant. */
export function variantFields(key: string, t: DecoderVariantTimes): Record<string, number> {
  const fields: Record<string, number> = {
    ...clickFields(key, t.clicks),
    [`${key}_decoder_node_p50_ms`]: t.wasmDefault.node.p50Ms,
    [`${key}_decoder_node_p95_ms`]: t.wasmDefault.node.p95Ms,
    [`${key}_decoder_wasm_p50_ms`]: t.wasmDefault.wasm.p50Ms,
    [`${key}_decoder_wasm_threads`]: t.wasmDefault.wasm.threads,
    [`${key}_speedup_vs_wasm`]: t.wasmDefault.speedup,
  };
  if (t.wasmAllCores) {
    fields[`${key}_decoder_wasm_all_cores_p50_ms`] = t.wasmAllCores.wasm.p50Ms;
    fields[`${key}_decoder_wasm_all_cores_threads`] = t.wasmAllCores.wasm.threads;
    fields[`${key}_speedup_vs_wasm_all_cores`] = t.wasmAllCores.speedup;
  }
  return fields;
}

export function clickRow(label: string, c: ClickBreakdown): Row {
  const busy = c.nonSpinningClicks > 0 ? `; ${c.nonSpinningClicks} on the busy-machine session` : '';
  return [`click, ${label}`, `${ms(c.p50Ms)} / ${ms(c.p95Ms)} p50/p95 (${c.samples} clicks, 1024×768; outside the decoder run ${ms(c.outsideDecoderP50Ms)} / ${ms(c.outsideDecoderP95Ms)}${busy})`];
}

export function variantRows(t: DecoderVariantTimes): Row[] {
  const wasm = (w: DecoderComparison) => `WASM ${w.wasm.threads} thread${w.wasm.threads === 1 ? '' : 's'} ${ms(w.wasm.p50Ms)}: node ${ratio(w.speedup)} faster`;
  return [
    clickRow(t.label, t.clicks),
    [`  decoder run, node vs WASM`, [`node ${ms(t.wasmDefault.node.p50Ms)} / ${ms(t.wasmDefault.node.p95Ms)}`, wasm(t.wasmDefault), ...(t.wasmAllCores ? [wasm(t.wasmAllCores)] : [])].join('; ')],
  ];
}
