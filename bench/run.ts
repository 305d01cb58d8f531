// `npm run bench [-- --quick] [-- --only=subject|memory|sam2|sdxl|fast-decode|click]`: speed and memory figures measured side by side in one run on the full-compute
// models (native-models/demo/full-compute, written once to .cache/full-compute), printed as one table and
// written to bench-results.json (`--only=subject` / `--only=memory [--pack=DIR]` run just those rows and update their fields
// in an existing bench-results.json). Never part of `npm test` (no timed assertions anywhere). See BENCHMARKS.md.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeDemoPack } from '../native-models/demo/make-demo-pack.ts';
import { runCutoutThroughput } from '../native-models/batch/bench-scenario.ts';
import { runDistributedThroughput } from './distributed-throughput.ts';
import { ensureFullComputePack, ensureSamDecoderVariant, ensureSamFullPair } from '../native-models/demo/full-compute/write-full-compute-pack.ts';
import { runGenerationChild } from './generation-child.ts';
import { MATMUL_SIZE, matmulGflopsPerS } from './matmul-rate.ts';
import { clickFields, clickRow, DEMO_DECODER_LABEL, measureDecoderVariants, measureVariantClicks, variantFields, variantRows, type DecoderVariantTimes } from './decoder-variants.ts';
import { decoderFileOf, maskAgreement, measureEncoder } from './sam-latency.ts';
import { median } from './stats.ts';
import { measureTokenizer } from './tokenizer-throughput.ts';
import { formatTable, ms, ratio, type Row } from './results-table.ts';
import { measureSubjectFullCompute, type SubjectFullComputeTimes } from './subject-full-compute.ts';
import { fewStepFields, fewStepRows, measureFewStep } from './fast-decode.ts';
import { measureMemory, memoryFields, memoryRows } from './memory-fields.ts';
import { measureSam2VsSam1, sam2Rows } from './sam2-vs-sam1.ts';
import { measureSdxlUnet, sdxlUnetFields, sdxlUnetRows } from './sdxl-unet.ts';
import { ensureFullComputeTinyDecoder } from '../native-models/demo/full-compute/write-tiny-decoder.ts';

const quick = process.argv.includes('--quick');
const log = (m: string) => process.stderr.write(`${m}\n`);
// Repetitions: --quick keeps every model full-size and only repeats less.
const reps = quick
  ? { gen2: 2, gen4: 1, encoder: 2, clicks: 30, wasmClicks: 15, tokenizer: 3, batchImages: 200, distributedImages: 40 }
  : { gen2: 3, gen4: 3, encoder: 3, clicks: 100, wasmClicks: 60, tokenizer: 5, batchImages: 1000, distributedImages: 200 };
// The full-compute subject models take seconds per image on a CPU: a few images, fewer still with --quick.
const subjectReps = quick ? { throughputImages: 4, latencyRuns: 2 } : { throughputImages: 16, latencyRuns: 5 };

function subjectFields(t: SubjectFullComputeTimes) {
  return {
    subject_full_images: t.throughput.images,
    subject_u2net_gflops_per_image: t.u2net.flopsPerRun / 1e9,
    subject_u2net_parameters_m: t.u2net.parameters / 1e6,
    subject_u2net_batch_images_per_s: t.throughput.batchImagesPerS,
    subject_u2net_sequential_images_per_s: t.throughput.sequentialImagesPerS,
    subject_u2net_batch_speedup_vs_sequential: t.throughput.batchImagesPerS / t.throughput.sequentialImagesPerS,
    subject_birefnet_lite_gflops_per_image: t.birefnetLite.flopsPerRun / 1e9,
    subject_birefnet_lite_parameters_m: t.birefnetLite.parameters / 1e6,
    subject_birefnet_lite_latency_p50_ms: t.birefnetP50Ms,
    subject_birefnet_lite_latency_samples: t.birefnetLatencyMs.length,
  };
}

function subjectRows(t: SubjectFullComputeTimes): Row[] {
  const f = subjectFields(t);
  return [
    [`subject cut-out, u2net-sized (${f.subject_u2net_gflops_per_image.toFixed(0)} GFLOPs), BatchRunner`, `${f.subject_u2net_batch_images_per_s.toFixed(2)} images/s (${f.subject_full_images} images of 320², goal ≥ 2)`],
    ['subject cut-out, u2net-sized, sequential loop', `${f.subject_u2net_sequential_images_per_s.toFixed(2)} images/s; batch ${ratio(f.subject_u2net_batch_speedup_vs_sequential)} (goal ≥ 1.5×)`],
    [`subject cut-out, BiRefNet-lite-sized (${f.subject_birefnet_lite_gflops_per_image.toFixed(0)} GFLOPs), 1024², p50`, `${ms(f.subject_birefnet_lite_latency_p50_ms)} per image (${f.subject_birefnet_lite_latency_samples} runs)`],
  ];
}

// The few-step rows alone (`--only=fast-decode`): 1-step 512² with the VAE and with the tiny decoder.
const fewStepReps = quick ? 2 : 3;
if (process.argv.includes('--only=fast-decode')) {
  const fastPack = await ensureFullComputePack(undefined, log);
  await ensureFullComputeTinyDecoder(fastPack.sdDir, log);
  const times = await measureFewStep(fastPack.sdDir, fewStepReps);
  const previous = await fs.readFile('bench-results.json', 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
  await fs.writeFile('bench-results.json', JSON.stringify({ ...previous, ...fewStepFields(times) }, null, 2) + '\n');
  process.stdout.write(formatTable(`${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} (--only=fast-decode${quick ? ', --quick' : ''})`, fewStepRows(times)));
  process.exit(0);
}

/** Weight bytes on disk of the generation's three networks (what peak RSS is compared with). */
const sdWeightsMb = (p: Awaited<ReturnType<typeof ensureFullComputePack>>) => (p.models.textEncoder.weightBytes + p.models.unet.weightBytes + p.models.vaeDecoder.weightBytes) / 2 ** 20;

if (process.argv.includes('--only=memory')) {
  const memoryPack = await ensureFullComputePack(process.argv.find((a) => a.startsWith('--pack='))?.slice('--pack='.length), log);
  const figures = await measureMemory(memoryPack.sdDir, sdWeightsMb(memoryPack), 2, log);
  const previous = await fs.readFile('bench-results.json', 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
  await fs.writeFile('bench-results.json', JSON.stringify({ ...previous, ...memoryFields(figures), memory_quick: quick }, null, 2) + '\n');
  process.stdout.write(formatTable(`${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} (--only=memory)`, memoryRows(figures)));
  process.exit(0);
}

// The SDXL UNet rows alone (`--only=sdxl [--sdxl-size=N]`): 10 GB of weights and minutes per step on a CPU, so
// never part of the default run.
if (process.argv.includes('--only=sdxl')) {
  const size = Number(process.argv.find((a) => a.startsWith('--sdxl-size='))?.slice('--sdxl-size='.length) ?? 1024);
  const times = await measureSdxlUnet(size, quick ? 1 : 3, log);
  const previous = await fs.readFile('bench-results.json', 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
  await fs.writeFile('bench-results.json', JSON.stringify({ ...previous, ...sdxlUnetFields(times), sdxl_quick: quick }, null, 2) + '\n');
  process.stdout.write(formatTable(`${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} (--only=sdxl, ${size}²${quick ? ', --quick' : ''})`, sdxlUnetRows(times)));
  process.exit(0);
}

if (process.argv.includes('--only=subject')) {
  const times = await measureSubjectFullCompute(subjectReps, log);
  const previous = await fs.readFile('bench-results.json', 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
  await fs.writeFile('bench-results.json', JSON.stringify({ ...previous, ...subjectFields(times), subject_quick: quick }, null, 2) + '\n');
  process.stdout.write(formatTable(`${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} (--only=subject${quick ? ', --quick' : ''})`, subjectRows(times)));
  process.exit(0);
}

// SAM 2.1-tiny-sized vs SAM 1 ViT-B-sized alone (`--only=sam2`): encoder time and click latency, same run.
if (process.argv.includes('--only=sam2')) {
  const times = await measureSam2VsSam1({ encoder: reps.encoder, clicks: reps.clicks }, log);
  const previous = await fs.readFile('bench-results.json', 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
  await fs.writeFile('bench-results.json', JSON.stringify({ ...previous, ...times }, null, 2) + '\n');
  process.stdout.write(formatTable(`${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} (--only=sam2${quick ? ', --quick' : ''})`, sam2Rows(times)));
  process.exit(0);
}

// The demo decoder's clicks alone (`--only=click`): the goal's click_p50_ms / click_p95_ms, measured as the full run
// measures them, on the pack's SAM pair written alone (same seeded graphs, no diffusion models needed).
if (process.argv.includes('--only=click')) {
  const pair = await ensureSamFullPair('sam-vit-b-full', undefined, log);
  const demoDecoder = await ensureSamDecoderVariant(pair.samDir, 'single-mask-int8', log);
  const [clicks] = await measureVariantClicks([{ label: DEMO_DECODER_LABEL, samDir: demoDecoder.samDir, decoderFile: demoDecoder.decoder.file }], reps.clicks, log);
  const previous = await fs.readFile('bench-results.json', 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
  const fields = { click_p50_ms: clicks!.p50Ms, click_p95_ms: clicks!.p95Ms, ...clickFields('demo_decoder', clicks!), click_quick: quick };
  await fs.writeFile('bench-results.json', JSON.stringify({ ...previous, ...fields }, null, 2) + '\n');
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  process.stdout.write(formatTable(`${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} (--only=click${quick ? ', --quick' : ''}; load average ${load} at the end)`, [clickRow(DEMO_DECODER_LABEL, clicks!)]));
  process.exit(0);
}

// First, while this process is still small: the scenario's children report getrusage peaks, which include
// the parent's RSS at the fork.
const packDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-pack-'));
const cutout = await (async () => {
  try {
    await makeDemoPack(packDir);
    log(`batch cut-out: ${reps.batchImages} images of 64×64 through the BatchRunner and through a sequential loop…`);
    const local = await runCutoutThroughput({ samDir: path.join(packDir, 'demo-sam'), images: reps.batchImages, size: 64 });
    log(`distributed cut-out: ${reps.distributedImages} images with 1, 2 and 4 \`tessera worker\` processes on a private redis-server…`);
    const distributed = await runDistributedThroughput({ samDir: path.join(packDir, 'demo-sam'), images: reps.distributedImages });
    log(`subject cut-out: ${reps.batchImages} images of 64×64, demo background-removal model (u2net contract, 320² input), BatchRunner vs sequential loop…`);
    const subject = await runCutoutThroughput({ subjectDir: path.join(packDir, 'demo-rembg-u2net'), images: reps.batchImages, size: 64 });
    return { ...local, distributed, subject };
  } finally {
    await fs.rm(packDir, { recursive: true, force: true });
  }
})();

const subjectFull = await measureSubjectFullCompute(subjectReps, log);

const pack = await ensureFullComputePack(undefined, log);
// With guidance the UNet runs at batch 2: a step costs twice the batch-1 count.
const unetStepFlops = 2 * pack.models.unet.flopsPerRun;

log(`text-to-image 512×512, guidance 7.5: 2 steps × ${reps.gen2}, 4 steps × ${reps.gen4}, MatMul ${MATMUL_SIZE}³ between them (child process)…`);
const generation = await (async () => {
  const two = await runGenerationChild(pack.sdDir, [2], reps.gen2, false);
  const four = await runGenerationChild(pack.sdDir, [4], reps.gen4, false);
  return { runs: [...two.runs, ...four.runs], matmulRunMs: [...two.matmulRunMs, ...four.matmulRunMs], peakRssMb: Math.max(two.peakRssMb, four.peakRssMb) };
})();
// The matrix rate sampled between the generations, over the same minutes as the UNet steps it is compared with.
const matmul = { medianMs: median(generation.matmulRunMs), gflopsPerS: matmulGflopsPerS(generation.matmulRunMs), samples: generation.matmulRunMs.length };
const overheadOf = (steps: number) => median(generation.runs.filter((r) => r.steps === steps).map((r) => r.wallMs / r.modelRunMs));
const unetSteps = generation.runs.flatMap((r) => r.unetRunMs);
log(`few-step path: 1 step at 512², guidance 0, full VAE vs fast decode × ${fewStepReps} (child process)…`);
await ensureFullComputeTinyDecoder(pack.sdDir, log);
const fewStep = await measureFewStep(pack.sdDir, fewStepReps);
const memory = await measureMemory(pack.sdDir, sdWeightsMb(pack), 2, log);

log('SAM ViT-B-sized encoder, first call vs cached; click latency…');
const encoder = await measureEncoder(pack.samDir, reps.encoder);
// The same seeded decoder in the three export forms users install (BENCHMARKS.md, "Click latency").
const singleMask = await ensureSamDecoderVariant(pack.samDir, 'single-mask', log);
const demoDecoder = await ensureSamDecoderVariant(pack.samDir, 'single-mask-int8', log);
const decoders = {
  multimask: { label: 'float multimask export', samDir: pack.samDir, decoderFile: decoderFileOf(pack.samDir), segmenter: encoder.segmenter },
  single_mask: { label: 'float single-mask export', samDir: singleMask.samDir, decoderFile: singleMask.decoder.file },
  demo_decoder: { label: DEMO_DECODER_LABEL, samDir: demoDecoder.samDir, decoderFile: demoDecoder.decoder.file },
};
const measured = await measureDecoderVariants(Object.values(decoders), reps.clicks, reps.wasmClicks, log);
const decoderTimes = Object.fromEntries(Object.keys(decoders).map((key, k) => [key, measured[k]!])) as Record<keyof typeof decoders, DecoderVariantTimes>;
const demo = decoderTimes.demo_decoder;
const int8Agreement = await maskAgreement(singleMask.decoder.file, demoDecoder.decoder.file, 10);

const sam2VsSam1 = await measureSam2VsSam1({ encoder: reps.encoder, clicks: reps.clicks }, log);

log('tokenizer…');
const tokenizer = await measureTokenizer(path.join(pack.sdDir, 'tokenizer'), 2000, reps.tokenizer);

const unetStepMs = median(unetSteps);
const unetFloorMs = (unetStepFlops / (matmul.gflopsPerS * 1e9)) * 1000;
const results = {
  machine: `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  quick,
  overhead_ratio: Math.max(overheadOf(2), overheadOf(4)),
  overhead_ratio_2_steps: overheadOf(2),
  overhead_ratio_4_steps: overheadOf(4),
  generation_2_steps_ms: median(generation.runs.filter((r) => r.steps === 2).map((r) => r.wallMs)),
  generation_4_steps_ms: median(generation.runs.filter((r) => r.steps === 4).map((r) => r.wallMs)),
  unet_step_ms: unetStepMs,
  unet_step_samples: unetSteps.length,
  unet_step_flops: unetStepFlops,
  unet_floor_ms: unetFloorMs,
  unet_step_vs_floor: unetStepMs / unetFloorMs,
  matmul_2048_ms: matmul.medianMs,
  matmul_gflops_per_s: matmul.gflopsPerS,
  matmul_samples: matmul.samples,
  unet_gflops_per_s: unetStepFlops / (unetStepMs / 1000) / 1e9,
  // The goal's figures are the official web demo's decoder against onnxruntime-web as that demo runs it.
  click_p50_ms: demo.clicks.p50Ms,
  click_p95_ms: demo.clicks.p95Ms,
  click_speedup_vs_wasm: demo.wasmDefault.speedup,
  ...Object.fromEntries(Object.entries(decoderTimes).flatMap(([key, t]) => Object.entries(variantFields(key, t)))),
  ...fewStepFields(fewStep),
  int8_mask_iou_mean: int8Agreement.meanIou,
  int8_mask_iou_min: int8Agreement.minIou,
  encoder_ms: encoder.firstMs,
  encoder_cached_ms: encoder.cachedMs,
  ...sam2VsSam1,
  batch_images: cutout.images,
  batch_images_per_s: cutout.batchImagesPerS,
  sequential_images_per_s: cutout.sequentialImagesPerS,
  batch_speedup_vs_sequential: cutout.batchImagesPerS / cutout.sequentialImagesPerS,
  batch_peak_rss_mb: cutout.batchPeakRssMb,
  sequential_peak_rss_mb: cutout.sequentialPeakRssMb,
  subject_batch_images_per_s: cutout.subject.batchImagesPerS,
  subject_sequential_images_per_s: cutout.subject.sequentialImagesPerS,
  subject_batch_speedup_vs_sequential: cutout.subject.batchImagesPerS / cutout.subject.sequentialImagesPerS,
  ...subjectFields(subjectFull),
  distributed_images: reps.distributedImages,
  distributed_images_per_s_1: cutout.distributed.find((d) => d.workers === 1)!.imagesPerS,
  distributed_images_per_s_2: cutout.distributed.find((d) => d.workers === 2)!.imagesPerS,
  distributed_images_per_s_4: cutout.distributed.find((d) => d.workers === 4)!.imagesPerS,
  peak_rss_mb: generation.peakRssMb,
  ...memoryFields(memory),
  tokenizer_prompts_per_s: tokenizer.promptsPerS,
  tokenizer_transformers_prompts_per_s: tokenizer.transformersPromptsPerS,
  tokenizer_speedup_vs_transformers: tokenizer.promptsPerS / tokenizer.transformersPromptsPerS,
  tokenizer_id_mismatches: tokenizer.mismatches,
};

const rows: Row[] = [
  ['text-to-image 512², 2 steps (median)', `${ms(results.generation_2_steps_ms)}; overhead wall ÷ Σ model runs ${ratio(results.overhead_ratio_2_steps)}`],
  ['text-to-image 512², 4 steps (median)', `${ms(results.generation_4_steps_ms)}; overhead ${ratio(results.overhead_ratio_4_steps)}`],
  ...fewStepRows(fewStep),
  ['UNet step (batch 2, CFG), median', `${ms(unetStepMs)} over ${unetSteps.length} steps = ${results.unet_gflops_per_s.toFixed(0)} GFLOP/s`],
  ['UNet floor (FLOPs ÷ MatMul rate)', `${ms(unetFloorMs)} (${(unetStepFlops / 1e12).toFixed(2)} TFLOP ÷ ${matmul.gflopsPerS.toFixed(0)} GFLOP/s); step ÷ floor ${ratio(results.unet_step_vs_floor)}`],
  [`MatMul ${MATMUL_SIZE}³ (median)`, `${ms(matmul.medianMs)} = ${matmul.gflopsPerS.toFixed(0)} GFLOP/s (${matmul.samples} runs between the generations, in their process)`],
  ...Object.values(decoderTimes).flatMap(variantRows),
  ['  int8 vs float single-mask masks', `IoU mean ${int8Agreement.meanIou.toFixed(3)}, worst ${int8Agreement.minIou.toFixed(3)} (10 clicks)`],
  ['SAM encoder, first / cached', `${ms(encoder.firstMs)} / ${ms(encoder.cachedMs)}`],
  ...sam2Rows(sam2VsSam1),
  ['batch cut-out, BatchRunner', `${cutout.batchImagesPerS.toFixed(1)} images/s, peak RSS ${cutout.batchPeakRssMb.toFixed(0)} MiB`],
  ['batch cut-out, sequential loop', `${cutout.sequentialImagesPerS.toFixed(1)} images/s, peak RSS ${cutout.sequentialPeakRssMb.toFixed(0)} MiB; batch ${ratio(results.batch_speedup_vs_sequential)}`],
  ['subject cut-out (demo u2net contract), BatchRunner', `${cutout.subject.batchImagesPerS.toFixed(1)} images/s, peak RSS ${cutout.subject.batchPeakRssMb.toFixed(0)} MiB`],
  ['subject cut-out, sequential loop', `${cutout.subject.sequentialImagesPerS.toFixed(1)} images/s; batch ${ratio(results.subject_batch_speedup_vs_sequential)} (goal ≥ 1.5×; the demo model is far lighter than u2net)`],
  ...subjectRows(subjectFull),
  ...cutout.distributed.map(({ workers, imagesPerS }): Row => [`distributed cut-out, ${workers} worker(s)`, `${imagesPerS.toFixed(1)} images/s (${reps.distributedImages} images via Redis, workers at 1 ORT thread each)`]),
  ['peak RSS, timed generations (2 and 4 steps)', `${results.peak_rss_mb.toFixed(0)} MiB vs weights ${results.weights_mb.toFixed(0)} MiB`],
  ...memoryRows(memory),
  ['tokenizer', `${results.tokenizer_prompts_per_s.toFixed(0)} prompts/s vs @huggingface/transformers ${results.tokenizer_transformers_prompts_per_s.toFixed(0)}: ${ratio(results.tokenizer_speedup_vs_transformers)}; ids differ on ${results.tokenizer_id_mismatches} of ${tokenizer.prompts} prompts`],
];
const title = `${results.machine}${quick ? ' (--quick: fewer repetitions, same full-size models)' : ''}`;
process.stdout.write(formatTable(title, rows));
await fs.writeFile('bench-results.json', JSON.stringify(results, null, 2) + '\n');
