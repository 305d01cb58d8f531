// Inference timesteps for leading / trailing / linspace spacing (diffusers' "Common Diffusion Noise Schedules
// and Sample Steps are Flawed", table 2), in descending order, as floats (σ-space schedulers keep fractions).
import type { SchedulerSettings } from './scheduler-config.ts';

/** Euler/Heun/LMS/DDIM style: `steps` timesteps. `round` gives DDIM's integer linspace. */
export function spacedTimesteps(settings: SchedulerSettings, steps: number, options: { round?: boolean } = {}): number[] {
  const n = settings.numTrainTimesteps;
  switch (settings.timestepSpacing) {
    case 'linspace': {
      const values = Array.from({ length: steps }, (_, i) => (steps === 1 ? 0 : ((n - 1) * i) / (steps - 1)));
      return (options.round ? values.map(roundHalfEven) : values).reverse();
    }
    case 'leading': {
      const ratio = Math.floor(n / steps);
      return Array.from({ length: steps }, (_, i) => roundHalfEven(i * ratio) + settings.stepsOffset).reverse();
    }
    case 'trailing': {
      const ratio = n / steps;
      const values: number[] = [];
      for (let t = n; t > 0 && values.length < steps; t -= ratio) values.push(roundHalfEven(t) - 1);
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
