// The demo refiner's clean-latent rule: a refiner keeps the composition it is handed and moves its look toward its
// own. Its picture lies on the line black → the prompt's picture (brightness b); it reads the brightness of the
// latents it is given (their projection on that line, so the noise off the line is dropped), and below
// DEMO_REFINER_WORKING_TIMESTEP pulls it only part of the way toward aesthetic_score / 10 each step. From pure noise
// (t at or above that timestep, where a real refiner is never run) it paints its own picture outright, so a
// refiner-only run still shows brightness aesthetic_score / 10, and a hand-over shows how many steps it ran.
import { attr, type OnnxGraphBuilder } from '../onnx-graph-builder.ts';
import { sigmaOf, sigmaTable, type NoiseSchedule } from '../sd/unet-oracle-graph.ts';
import { DEMO_REFINER_PULL, DEMO_REFINER_WORKING_TIMESTEP } from './demo-sdxl-variants.ts';

export interface RefinerTargetInputs {
  /** The scaled model input x_t [B,4,h,w]. */
  xt: string;
  timestep: string;
  /** The clean latent of the black image and of the prompt's picture at full (pooled) brightness, [B,4,h,w]. */
  black: string;
  full: string;
  /** The refiner's brightness goal [B,1,1,1]: pooled gate × aesthetic_score / 10. */
  goal: string;
}

/** x0 [B,4,h,w] = black + b′·(full − black), b′ = b̂ + pull(t)·(goal − b̂), b̂ the latents' brightness. */
export function refinerCleanLatent(g: OnnxGraphBuilder, schedule: NoiseSchedule, inputs: RefinerTargetInputs): string {
  const { xt, timestep, black, full, goal } = inputs;
  const table = g.constant('float32', sigmaTable(schedule), [schedule.numTrainTimesteps], { external: true });
  const sigma = sigmaOf(g, timestep, table, schedule.numTrainTimesteps - 1);
  // the latents in σ-space (x = x_t·√(1+σ²)), where the clean picture plus σ·noise lives
  const x = g.op('Mul', [xt, g.op('Sqrt', [g.op('Add', [g.f32(1), g.op('Mul', [sigma, sigma])])])]);
  const line = g.op('Sub', [full, black]);
  const sum = (v: string): string => g.op('ReduceSum', [v, g.i64([1, 2, 3])], { keepdims: attr.i(1) });
  const seen = g.op('Div', [sum(g.op('Mul', [g.op('Sub', [x, black]), line])), g.op('Add', [sum(g.op('Mul', [line, line])), g.f32(1e-6)])]);
  const t = g.op('Reshape', [timestep, g.i64([-1, 1, 1, 1])]);
  const pull = g.op('Where', [g.op('Less', [t, g.f32(DEMO_REFINER_WORKING_TIMESTEP)]), g.f32(DEMO_REFINER_PULL), g.f32(1)]);
  const brightness = g.op('Add', [seen, g.op('Mul', [pull, g.op('Sub', [goal, seen])])]);
  return g.op('Add', [black, g.op('Mul', [brightness, line])]);
}
