// The (timesteps, σ) schedule of the k-diffusion-style schedulers (Euler, Euler a, Heun, LMS, DPM++ SDE): σ
// interpolated at the spaced timesteps, or Karras / exponential σ mapped back to timesteps, with a final σ.
import type { SchedulerSettings } from './scheduler-config.ts';
import { exponentialSigmas, interpolateAt, karrasSigmas, logSigmasOf, sigmaToTimestep, torchLinspaceFloat32, trainingSigmas } from './noise-schedule.ts';
import { spacedTimesteps } from './timestep-spacing.ts';

const f32 = Math.fround;

export interface SigmaSchedule {
  timesteps: number[];
  /** length timesteps + 1, ending in the final σ (0 unless Euler's final_sigmas_type is sigma_min) */
  sigmas: number[];
  initNoiseSigma: number;
}

/** Which of diffusers' per-class options apply: only EulerDiscreteScheduler has the σ bounds, log-linear
 *  interpolation, final_sigmas_type and continuous timesteps; EulerAncestral has no Karras/exponential σ;
 *  DPMSolverSDE keeps float64 timesteps. */
export type SigmaFamily = 'euler' | 'euler_a' | 'k-diffusion' | 'dpm_sde';

/** Timesteps and σ before float32 storage and before the final σ (DPM++ SDE derives its midpoints from these). */
export function rawSigmaSchedule(settings: SchedulerSettings, alphaBar: Float64Array, steps: number, family: SigmaFamily): { timesteps: number[]; sigmas: number[]; logSigmas: Float64Array } {
  const train = trainingSigmas(alphaBar);
  const logSigmas = logSigmasOf(train);
  let timesteps = spacedTimesteps(settings, steps, { float64: family === 'dpm_sde' });
  let sigmas: number[];
  if (family === 'euler' && settings.interpolationType === 'log_linear') {
    // diffusers: torch.linspace(log σ_max, log σ_min, n + 1).exp() in float32 — one σ more than timesteps
    sigmas = torchLinspaceFloat32(f32(Math.log(train[train.length - 1]!)), f32(Math.log(train[0]!)), steps + 1).map((l) => f32(Math.exp(l)));
  } else {
    sigmas = timesteps.map((t) => interpolateAt(train, t));
  }
  if (family !== 'euler_a' && (settings.useKarrasSigmas || settings.useExponentialSigmas)) {
    const bounded = family === 'euler';
    const sigmaMin = (bounded ? settings.sigmaMin : undefined) ?? sigmas[sigmas.length - 1]!;
    const sigmaMax = (bounded ? settings.sigmaMax : undefined) ?? sigmas[0]!;
    sigmas = settings.useKarrasSigmas ? karrasSigmas(sigmaMin, sigmaMax, steps) : exponentialSigmas(sigmaMin, sigmaMax, steps);
    timesteps = sigmas.map((s) => sigmaToTimestep(s, logSigmas));
  }
  return { timesteps, sigmas, logSigmas };
}

export function sigmaSchedule(settings: SchedulerSettings, alphaBar: Float64Array, steps: number, family: SigmaFamily = 'k-diffusion'): SigmaSchedule {
  const raw = rawSigmaSchedule(settings, alphaBar, steps, family);
  const finalSigma = family === 'euler' && settings.finalSigmasType === 'sigma_min' ? f32(Math.sqrt(f32(f32(1 - alphaBar[0]!) / alphaBar[0]!))) : 0;
  const sigmas = [...raw.sigmas, finalSigma].map(f32);
  let timesteps = raw.timesteps.map(f32);
  if (family === 'euler' && settings.timestepType === 'continuous' && settings.predictionType === 'v_prediction') {
    // EDM-style models (e.g. Playground v2.5) take c_noise = ¼·ln σ as their timestep
    timesteps = sigmas.slice(0, -1).map((s) => f32(0.25 * f32(Math.log(s))));
  }
  const maxSigma = Math.max(...sigmas);
  // With linspace/trailing spacing the first σ is the schedule's maximum and x_T = σ_max·N(0,1); leading
  // spacing starts below the end of the training range, hence diffusers' √(σ²+1).
  const initNoiseSigma = settings.timestepSpacing === 'leading' ? f32(Math.sqrt(f32(f32(maxSigma * maxSigma) + 1))) : maxSigma;
  return { timesteps, sigmas, initNoiseSigma };
}
