// The (timesteps, σ) schedule of the k-diffusion-style schedulers (Euler, Euler a, Heun, LMS): σ interpolated
// at the spaced timesteps or Karras σ mapped back to timesteps, with a final σ = 0.
import type { SchedulerSettings } from './scheduler-config.ts';
import { interpolateAt, karrasSigmas, sigmaToTimestep, trainingSigmas } from './noise-schedule.ts';
import { spacedTimesteps } from './timestep-spacing.ts';

export interface SigmaSchedule {
  timesteps: number[];
  /** length timesteps + 1, ending in 0 */
  sigmas: number[];
  initNoiseSigma: number;
}

export function sigmaSchedule(settings: SchedulerSettings, alphaBar: Float64Array, steps: number): SigmaSchedule {
  const train = trainingSigmas(alphaBar);
  const logSigmas = Array.from(train, Math.log);
  let timesteps = spacedTimesteps(settings, steps);
  let sigmas = timesteps.map((t) => interpolateAt(train, t));
  if (settings.useKarrasSigmas) {
    sigmas = karrasSigmas(sigmas[sigmas.length - 1]!, sigmas[0]!, steps);
    timesteps = sigmas.map((s) => sigmaToTimestep(s, logSigmas));
  }
  const maxSigma = Math.max(...sigmas);
  // With linspace/trailing spacing the first σ is the schedule's maximum and x_T = σ_max·N(0,1); leading
  // spacing starts below the end of the training range, hence diffusers' √(σ²+1).
  const initNoiseSigma = settings.timestepSpacing === 'leading' ? Math.sqrt(maxSigma * maxSigma + 1) : maxSigma;
  return { timesteps, sigmas: [...sigmas, 0], initNoiseSigma };
}
