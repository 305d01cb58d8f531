// Timesteps and σ of DPMSolverMultistepScheduler.set_timesteps: n + 1 spaced points with the last dropped
// (integer timesteps), or Karras / exponential / uniform-log-σ ("Lu") σ mapped back to timesteps.
import { TesseraError } from '../../api/errors.ts';
import type { SchedulerSettings } from './scheduler-config.ts';
import { exponentialSigmas, interpolateAt, karrasSigmas, logSigmasOf, numpyLinspace, sigmaToTimestep, trainingSigmas } from './noise-schedule.ts';
import { roundHalfEven } from './timestep-spacing.ts';

const f32 = Math.fround;

/** Number of training timesteps kept by lambda_min_clipped: λ_t = ln α_t − ln σ_t (float32), clipped from below. */
function lastTimestep(settings: SchedulerSettings, alphaBar: Float64Array): number {
  if (settings.lambdaMinClipped === -Infinity) return settings.numTrainTimesteps;
  // torch.searchsorted(flip(λ), lambda_min_clipped): how many λ (ascending after the flip) lie below the bound
  let clipped = 0;
  for (const a of alphaBar) {
    const lambda = f32(f32(Math.log(f32(Math.sqrt(a)))) - f32(Math.log(f32(Math.sqrt(f32(1 - a))))));
    if (lambda < settings.lambdaMinClipped) clipped += 1;
  }
  return settings.numTrainTimesteps - clipped;
}

function spaced(settings: SchedulerSettings, last: number, steps: number): number[] {
  switch (settings.timestepSpacing) {
    case 'linspace':
      return numpyLinspace(0, last - 1, steps + 1).map(roundHalfEven).reverse().slice(0, -1);
    case 'leading': {
      const ratio = Math.floor(last / (steps + 1));
      return Array.from({ length: steps + 1 }, (_, i) => i * ratio + settings.stepsOffset).reverse().slice(0, -1);
    }
    case 'trailing': {
      // numpy.arange(last, 0, −N/steps); capped at `steps` values (numpy can yield one more that rounds to −1)
      const ratio = settings.numTrainTimesteps / steps;
      const out: number[] = [];
      for (let i = 0; i < steps && last - i * ratio > 0; i++) out.push(roundHalfEven(last + i * -ratio) - 1);
      return out;
    }
  }
}

export function dpmSolverSchedule(settings: SchedulerSettings, alphaBar: Float64Array, steps: number): { timesteps: number[]; sigmas: number[] } {
  if (!Number.isInteger(steps) || steps < 1 || steps > settings.numTrainTimesteps) {
    throw new TesseraError('INVALID_ARGUMENT', `DPM-Solver: got ${steps} steps, expected an integer in [1, ${settings.numTrainTimesteps}]`);
  }
  const train = trainingSigmas(alphaBar);
  const logSigmas = logSigmasOf(train);
  let timesteps = spaced(settings, lastTimestep(settings, alphaBar), steps);
  // diffusers rounds the timesteps of Karras / Lu σ (except for the cosine schedule) and then casts to int64,
  // which truncates the exponential-σ ones
  const toTimesteps = (sigmas: number[], round: boolean) => sigmas.map((s) => sigmaToTimestep(s, logSigmas)).map((t) => (round ? roundHalfEven(t) : Math.trunc(t)));
  const roundBack = settings.betaSchedule !== 'squaredcos_cap_v2';
  let sigmas: number[];
  if (settings.useKarrasSigmas) {
    sigmas = karrasSigmas(train[0]!, train[train.length - 1]!, steps);
    timesteps = toTimesteps(sigmas, roundBack);
  } else if (settings.useLuLambdas) {
    // "λ" here is log σ, spaced uniformly from its maximum to its minimum (rho = 1)
    const [lambdaMin, lambdaMax] = [logSigmas[0]!, logSigmas[logSigmas.length - 1]!];
    const logs = numpyLinspace(0, 1, steps).map((r) => lambdaMax + r * (lambdaMin - lambdaMax));
    sigmas = logs.map(Math.exp);
    timesteps = toTimesteps(sigmas, roundBack);
  } else if (settings.useExponentialSigmas) {
    sigmas = exponentialSigmas(train[0]!, train[train.length - 1]!, steps);
    timesteps = toTimesteps(sigmas, false);
  } else {
    sigmas = timesteps.map((t) => interpolateAt(train, t));
  }
  const finalSigma = settings.finalSigmasType === 'zero' ? 0 : train[0]!;
  return { timesteps: timesteps.map(Math.trunc), sigmas: [...sigmas, finalSigma].map(f32) };
}
