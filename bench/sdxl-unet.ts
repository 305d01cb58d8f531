// The SDXL UNet rows (`npm run bench -- --only=sdxl [--sdxl-size=N]`): step time of the full-compute SDXL-base-sized
// UNet against the MatMul floor (its counted FLOPs at the run's size ÷ the MatMul rate measured in the same
// process), and the child's peak RSS against the weights. Default size 1024² (SDXL's own); a smaller
// --sdxl-size is said in the table's rows, never scaled up to 1024².
import { ensureSdxlUnetFullModel } from '../native-models/demo/full-compute/write-full-compute-pack.ts';
import { SDXL_UNET_REFERENCE_PARAMETERS, buildSdxlUnet } from '../native-models/demo/full-compute/sdxl-unet-graph.ts';
import { matmulGflopsPerS } from './matmul-rate.ts';
import { ms, ratio, type Row } from './results-table.ts';
import { runSdxlUnetChild, type SdxlUnetChildResult } from './sdxl-unet-child.ts';
import { median } from './stats.ts';

export interface SdxlUnetTimes {
  parameters: number;
  weightBytes: number;
  /** One UNet run, batch 1, at 1024². */
  flopsAt1024: number;
  /** One UNet step as measured: batch 2 (CFG) at the run's size. */
  stepFlops: number;
  size: number;
  child: SdxlUnetChildResult;
  matmulGflopsPerS: number;
}

export async function measureSdxlUnet(size: number, steps: number, log: (m: string) => void): Promise<SdxlUnetTimes> {
  if (size % 32 !== 0) throw new Error(`--sdxl-size: got ${size}, expected a multiple of 32 (the UNet halves the latent twice)`);
  const { dir, model } = await ensureSdxlUnetFullModel(undefined, log);
  const side = size / 8;
  const stepFlops = 2 * buildSdxlUnet(side).flops.flops;
  log(`SDXL UNet (full compute, ${(model.parameters / 1e9).toFixed(3)} B parameters): ${steps} steps of batch 2 at ${size}² after one warm-up…`);
  const child = await runSdxlUnetChild(`${dir}/model.onnx`, side, steps);
  return { parameters: model.parameters, weightBytes: model.weightBytes, flopsAt1024: model.flopsPerRun, stepFlops, size, child, matmulGflopsPerS: matmulGflopsPerS(child.matmulRunMs) };
}

function floorMs(t: SdxlUnetTimes): number {
  return (t.stepFlops / (t.matmulGflopsPerS * 1e9)) * 1000;
}

export function sdxlUnetFields(t: SdxlUnetTimes): Record<string, number> {
  const stepMs = median(t.child.stepMs);
  return {
    sdxl_unet_parameters: t.parameters,
    sdxl_unet_weight_bytes: t.weightBytes,
    sdxl_unet_flops_1024: t.flopsAt1024,
    sdxl_unet_size: t.size,
    sdxl_unet_step_flops: t.stepFlops,
    sdxl_unet_step_ms: stepMs,
    sdxl_unet_step_samples: t.child.stepMs.length,
    sdxl_unet_floor_ms: floorMs(t),
    sdxl_unet_step_vs_floor: stepMs / floorMs(t),
    sdxl_unet_matmul_gflops_per_s: t.matmulGflopsPerS,
    sdxl_unet_load_ms: t.child.loadMs,
    sdxl_unet_loaded_rss_mb: t.child.loadedRssMb,
    sdxl_unet_peak_rss_mb: t.child.peakRssMb,
  };
}

export function sdxlUnetRows(t: SdxlUnetTimes): Row[] {
  const stepMs = median(t.child.stepMs);
  const weightsMb = t.weightBytes / 2 ** 20;
  return [
    ['SDXL UNet (full compute): parameters', `${(t.parameters / 1e9).toFixed(3)} B (SDXL base: ${(SDXL_UNET_REFERENCE_PARAMETERS / 1e9).toFixed(3)} B), ${(t.weightBytes / 1e9).toFixed(1)} GB float32`],
    ['SDXL UNet FLOPs per run at 1024² (batch 1)', `${(t.flopsAt1024 / 1e12).toFixed(2)} TFLOP (${((2 * t.flopsAt1024) / 1e12).toFixed(2)} per CFG step)`],
    [`SDXL UNet step at ${t.size}² (batch 2, CFG), median`, `${ms(stepMs)} over ${t.child.stepMs.length} steps = ${(t.stepFlops / (stepMs / 1000) / 1e9).toFixed(0)} GFLOP/s`],
    [`SDXL UNet floor at ${t.size}² (FLOPs ÷ MatMul rate)`, `${ms(floorMs(t))} (${(t.stepFlops / 1e12).toFixed(2)} TFLOP ÷ ${t.matmulGflopsPerS.toFixed(0)} GFLOP/s); step ÷ floor ${ratio(stepMs / floorMs(t))}`],
    ['SDXL UNet load; peak RSS vs weights', `${ms(t.child.loadMs)}; peak ${t.child.peakRssMb.toFixed(0)} MB (${t.child.loadedRssMb.toFixed(0)} MB once loaded) vs ${weightsMb.toFixed(0)} MB of weights = ${ratio(t.child.peakRssMb / weightsMb)}`],
  ];
}
