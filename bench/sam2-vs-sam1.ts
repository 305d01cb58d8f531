// SAM 2.1-tiny-sized beside SAM 1 ViT-B-sized, in one process and run: encoder time (first setImage, median of
// `encoderReps` new images) and click latency p50/p95 through SamSegmenter.predict, the two decoders taking turns
// (measureClicks) so that both see the same phases of a shared machine.
import { ensureSamFullPair } from '../native-models/demo/full-compute/write-full-compute-pack.ts';
import { measureClicks, measureEncoder } from './sam-latency.ts';
import { ms, type Row } from './results-table.ts';

export async function measureSam2VsSam1(reps: { encoder: number; clicks: number }, log: (m: string) => void) {
  const sam1 = await ensureSamFullPair('sam-vit-b-full', undefined, log);
  const sam2 = await ensureSamFullPair('sam2.1-tiny-full', undefined, log);
  log('SAM 1 ViT-B-sized and SAM 2.1-tiny-sized encoders, then clicks taking turns…');
  const sam1Encoder = await measureEncoder(sam1.samDir, reps.encoder);
  const sam2Encoder = await measureEncoder(sam2.samDir, reps.encoder);
  const [sam1Clicks, sam2Clicks] = await measureClicks([sam1Encoder.segmenter, sam2Encoder.segmenter], reps.clicks);
  await Promise.all([sam1Encoder.segmenter.release(), sam2Encoder.segmenter.release()]);
  return {
    sam1_encoder_ms: sam1Encoder.firstMs,
    sam1_encoder_gflops: sam1.encoder.flopsPerRun / 1e9,
    sam1_click_p50_ms: sam1Clicks!.p50Ms,
    sam1_click_p95_ms: sam1Clicks!.p95Ms,
    sam2_encoder_ms: sam2Encoder.firstMs,
    sam2_encoder_cached_ms: sam2Encoder.cachedMs,
    sam2_encoder_gflops: sam2.encoder.flopsPerRun / 1e9,
    sam2_encoder_parameters_m: sam2.encoder.parameters / 1e6,
    sam2_decoder_parameters_m: sam2.decoder.parameters / 1e6,
    sam2_click_p50_ms: sam2Clicks!.p50Ms,
    sam2_click_p95_ms: sam2Clicks!.p95Ms,
    sam2_click_samples: sam2Clicks!.samples,
  };
}

export type Sam2VsSam1 = Awaited<ReturnType<typeof measureSam2VsSam1>>;

export function sam2Rows(t: Sam2VsSam1): Row[] {
  return [
    [`SAM 2.1-tiny-sized encoder (${t.sam2_encoder_parameters_m.toFixed(1)} M, ${t.sam2_encoder_gflops.toFixed(0)} GFLOPs), first / cached`, `${ms(t.sam2_encoder_ms)} / ${ms(t.sam2_encoder_cached_ms)}; SAM 1 ViT-B-sized (${t.sam1_encoder_gflops.toFixed(0)} GFLOPs) ${ms(t.sam1_encoder_ms)} in the same run`],
    ['SAM 2.1-tiny-sized click, p50 / p95', `${ms(t.sam2_click_p50_ms)} / ${ms(t.sam2_click_p95_ms)} (${t.sam2_click_samples} clicks); SAM 1 multimask ${ms(t.sam1_click_p50_ms)} / ${ms(t.sam1_click_p95_ms)}, taking turns`],
  ];
}
