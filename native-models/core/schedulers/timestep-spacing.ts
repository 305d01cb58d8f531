// Inference timesteps for leading / trailing / linspace spacing (diffusers' "Common Diffusion Noise Schedules
// and Sample Steps are Flawed", table 2), in descending order, as floats (σ-space schedulers keep fractions).
import { TesseraError } from '../../api/errors.ts';
import type { SchedulerSettings } from './scheduler-config.ts';
import { numpyLinspace } from './noise-schedule.ts';

/** Euler/Heun/LMS/DDIM style: `steps` timesteps. `round` gives DDIM's integer linspace. */
export function spacedTimesteps(settings: SchedulerSettings, steps: number, options: { round?: boolean; float64?: boolean } = {}): number[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > settings.numTrainTimesteps) {
    throw new TesseraError('INVALID_ARGUMENT', `got ${steps} inference steps, expected an integer in [1, num_train_timesteps = ${settings.numTrainTimesteps}]`);
  }
  const n = settings.numTrainTimesteps;
  switch (settings.timestepSpacing) {
    case 'linspace': {
      // numpy.linspace(0, N − 1, steps): rounded (DDIM, PNDM) or kept as float32 (σ-space schedulers)
      const values = numpyLinspace(0, n - 1, steps);
      // (DPMSolverSDEScheduler alone keeps numpy's float64)
      return (options.round ? values.map(roundHalfEven) : options.float64 ? values : values.map(Math.fround)).reverse();
    }
    case 'leading': {
      const ratio = Math.floor(n / steps);
      return Array.from({ length: steps }, (_, i) => roundHalfEven(i * ratio) + settings.stepsOffset).reverse();
    }
    case 'trailing': {
      const ratio = n / steps;
      const values: number[] = [];
      // numpy.arange(N, 0, −N/steps) computes N + i·(−N/steps); for some step counts (61, 103, …) it yields one
      // extra value that rounds to 0 and becomes timestep −1 in diffusers: we stop at `steps` values instead.
      for (let i = 0; i < steps && n - i * ratio > 0; i++) values.push(roundHalfEven(n + i * -ratio) - 1);
      return values;
    }
  }
}

/** numpy rounds halves to even; so must we to land on the same integer timesteps. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Position of t in a schedule, diffusers' index_for_timestep: the second match when t appears twice. */
export function indexForTimestep(timesteps: readonly number[], t: number): number {
  const matches: number[] = [];
  timesteps.forEach((value, i) => {
    if (value === t) matches.push(i);
  });
  if (matches.length === 0) {
    throw new RangeError(`timestep ${t} is not in the current schedule (${timesteps.slice(0, 4).join(', ')}, …)`);
  }
  return matches.length > 1 ? matches[1]! : matches[0]!;
}
