// The demo UNet: an exact noise-prediction oracle. It builds x0* from the text features (oracle-target-graph.ts),
// then returns ε = (x_t − √ᾱ·x0*)/√(1−ᾱ) (or v, or the inpaint/LCM-guided target) with ᾱ from the σ table.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { BACKGROUND_RGB, VAE_SCALING_FACTOR, srgbToModel, vaeEncoderBias, vaeEncoderMatrix } from './demo-sd-spec.ts';
import { cleanLatentGraph, promptFeatures } from './oracle-target-graph.ts';
import type { DemoSdVariant } from './demo-sd-variants.ts';

export interface NoiseSchedule {
  betaStart: number;
  betaEnd: number;
  numTrainTimesteps: number;
}

/** σ_t = √((1−ᾱ_t)/ᾱ_t) for every training timestep of a scaled_linear schedule, computed in float64. */
export function sigmaTable(schedule: NoiseSchedule): number[] {
  const n = schedule.numTrainTimesteps;
  const rootStart = Math.sqrt(schedule.betaStart);
  const step = (Math.sqrt(schedule.betaEnd) - rootStart) / (n - 1);
  const sigmas: number[] = [];
  let alphaBar = 1;
  for (let t = 0; t < n; t++) {
    alphaBar *= 1 - (rootStart + step * t) ** 2;
    sigmas.push(Math.sqrt((1 - alphaBar) / alphaBar));
  }
  return sigmas;
}

/** Scaled latent of the mid-gray image, i.e. x0*(""), as a [1,4,1,1] constant. */
function emptyPromptLatent(g: OnnxGraphBuilder): string {
  const gray = BACKGROUND_RGB.map(srgbToModel);
  const bias = vaeEncoderBias();
  const z = vaeEncoderMatrix().map((row, k) => VAE_SCALING_FACTOR * row.reduce((s, v, c) => s + v * gray[c]!, bias[k]!));
  return g.f32(z, [1, 4, 1, 1]);
}

/** σ(t) as [N,1,1,1] for a timestep of shape [], [1] or [B]: linear between integer steps, t clamped to the table. */
export function sigmaOf(g: OnnxGraphBuilder, timestep32: string, table: string, last: number): string {
  const t = g.op('Clip', [g.op('Reshape', [timestep32, g.i64([-1, 1, 1, 1])]), g.f32(0), g.f32(last)]);
  const lower = g.op('Clip', [g.op('Floor', [t]), g.f32(0), g.f32(last - 1)]);
  const frac = g.op('Sub', [t, lower]);
  const lowerIndex = g.op('Cast', [lower], { to: attr.dtype('int64') });
  const sigmaLo = g.op('Gather', [table, lowerIndex]);
  const sigmaHi = g.op('Gather', [table, g.op('Add', [lowerIndex, g.i64(1)])]);
  return g.op('Add', [sigmaLo, g.op('Mul', [frac, g.op('Sub', [sigmaHi, sigmaLo])])]);
}

/** The exact ε (or v) for clean latent x0 at x_t, with ᾱ(t) from the schedule's σ table (kept in external data). */
export function oraclePrediction(g: OnnxGraphBuilder, xt: string, x0: string, timestep32: string, schedule: NoiseSchedule, kind: 'epsilon' | 'v_prediction'): string {
  const table = g.constant('float32', sigmaTable(schedule), [schedule.numTrainTimesteps], { external: true });
  const sigma = sigmaOf(g, timestep32, table, schedule.numTrainTimesteps - 1);
  // With ᾱ = 1/(1+σ²): ε = (x_t·√(1+σ²) − x0)/σ and v = (ε − σ·x0)/√(1+σ²).
  const root = g.op('Sqrt', [g.op('Add', [g.f32(1), g.op('Mul', [sigma, sigma])])]);
  const eps = g.op('Div', [g.op('Sub', [g.op('Mul', [xt, root]), x0]), sigma]);
  return kind === 'v_prediction' ? g.op('Div', [g.op('Sub', [eps, g.op('Mul', [sigma, x0])]), root]) : eps;
}

export function buildUnetOracleGraph(variant: DemoSdVariant, schedule: NoiseSchedule): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_unet_oracle');
  const spec = variant.unet;
  // The tables a real export keeps in its external-data file go there here too.
  const external = true;
  const f32 = (v: string, type: string): string => (type === 'float32' ? v : g.op('Cast', [v], { to: attr.dtype('float32') }));
  const sample = f32(g.input(spec.sample.name, spec.sample.type, spec.sample.shape), spec.sample.type);
  const timestep = f32(g.input(spec.timestep.name, spec.timestep.type, spec.timestep.shape), spec.timestep.type);
  const hidden = f32(g.input(spec.encoderHiddenStates.name, spec.encoderHiddenStates.type, spec.encoderHiddenStates.shape), spec.encoderHiddenStates.type);
  const timestepCond = spec.timestepCond ? g.input(spec.timestepCond.name, spec.timestepCond.type, spec.timestepCond.shape) : undefined;

  const channels = (from: number, to: number): string => g.op('Slice', [sample, g.i64([from]), g.i64([to]), g.i64([1])]);
  const xt = variant.unetChannels === 9 ? channels(0, 4) : sample;
  let x0 = cleanLatentGraph(g, promptFeatures(g, hidden), sample, external);

  if (variant.oracle === 'inpaint') {
    // Channels [latents 4, mask 1, masked-image latents 4]: keep the masked image where mask = 0.
    const mask = channels(4, 5);
    const masked = channels(5, 9);
    x0 = g.op('Add', [masked, g.op('Mul', [mask, g.op('Sub', [x0, masked])])]);
  }
  if (timestepCond) {
    // w from the lowest-frequency sine (index half−1, frequency 1e-4): sin(1000·w·1e-4) = sin(0.1·w).
    const half = spec.timestepCond!.shape[1] as number / 2;
    const sine = g.op('Slice', [timestepCond, g.i64([half - 1]), g.i64([half]), g.i64([1])]);
    const w = g.op('Div', [g.op('Asin', [g.op('Clip', [sine, g.f32(-1), g.f32(1)])]), g.f32(0.1)]);
    const empty = emptyPromptLatent(g);
    const scale = g.op('Reshape', [g.op('Add', [w, g.f32(1)]), g.i64([-1, 1, 1, 1])]);
    x0 = g.op('Add', [empty, g.op('Mul', [scale, g.op('Sub', [x0, empty])])]);
  }

  const out = oraclePrediction(g, xt, x0, timestep, schedule, variant.oracle === 'v_prediction' ? 'v_prediction' : 'epsilon');
  const result = variant.floatType === 'float32' ? out : g.op('Cast', [out], { to: attr.dtype(variant.floatType) });
  g.output(result, spec.outSample.name, spec.outSample.type, spec.outSample.shape);
  return g;
}
