// scheduler_config.json → typed settings with diffusers' keys, defaults and validation (unknown keys ignored).
import { TesseraError } from '../../api/errors.ts';
import type { SchedulerConfigJson } from './scheduler.ts';
import { ownEntry } from '../own-entry.ts';

export type BetaSchedule = 'linear' | 'scaled_linear' | 'squaredcos_cap_v2';
export type TimestepSpacing = 'leading' | 'trailing' | 'linspace';
export type PredictionType = 'epsilon' | 'v_prediction' | 'sample';
export type AlgorithmType = 'dpmsolver++' | 'sde-dpmsolver++' | 'dpmsolver' | 'sde-dpmsolver';
export type SolverType = 'midpoint' | 'heun';

export interface SchedulerSettings {
  numTrainTimesteps: number;
  betaStart: number;
  betaEnd: number;
  betaSchedule: BetaSchedule;
  trainedBetas: number[] | undefined;
  predictionType: PredictionType;
  timestepSpacing: TimestepSpacing;
  stepsOffset: number;
  setAlphaToOne: boolean;
  clipSample: boolean;
  clipSampleRange: number;
  thresholding: boolean;
  dynamicThresholdingRatio: number;
  sampleMaxValue: number;
  useKarrasSigmas: boolean;
  useExponentialSigmas: boolean;
  /** DPM-Solver: steps uniform in log-SNR λ (Lu et al.'s "logSNR" schedule). */
  useLuLambdas: boolean;
  /** Euler: bounds of the Karras / exponential σ range (default: the schedule's own). */
  sigmaMin: number | undefined;
  sigmaMax: number | undefined;
  interpolationType: 'linear' | 'log_linear';
  timestepType: 'discrete' | 'continuous';
  rescaleBetasZeroSnr: boolean;
  skipPrkSteps: boolean;
  solverOrder: number;
  algorithmType: AlgorithmType;
  solverType: SolverType;
  lambdaMinClipped: number;
  lowerOrderFinal: boolean;
  eulerAtFinal: boolean;
  finalSigmasType: 'zero' | 'sigma_min';
  originalInferenceSteps: number;
  timestepScaling: number;
}

/** Per-scheduler defaults where diffusers' classes differ (e.g. DDIM defaults to leading, Euler to linspace). */
export type SettingsDefaults = Partial<SchedulerSettings>;

function fail(key: string, value: unknown, expected: string): never {
  throw new TesseraError('SCHEDULER_CONFIG_INVALID', `scheduler config: ${key} is ${JSON.stringify(value)}, expected ${expected}`);
}

function pick<T>(config: SchedulerConfigJson, key: string, fallback: T, check: (v: unknown) => boolean, expected: string): T {
  const value = config[key];
  if (value === undefined || value === null) return fallback;
  if (!check(value)) fail(key, value, expected);
  return value as T;
}

const isPositiveNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isNonNegativeInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isBoolean = (v: unknown) => typeof v === 'boolean';
const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);
const isNumber = (v: unknown) => typeof v === 'number' && !Number.isNaN(v);

/** Keys diffusers accepts whose non-default values we cannot honour: refusing beats silently sampling differently. */
const UNSUPPORTED_IF_SET: Record<string, unknown> = { use_beta_sigmas: false, use_flow_sigmas: false, use_dynamic_shifting: false };

/** diffusers maps retired names onto current ones (DPMSolverMultistepScheduler.__init__). */
const ALGORITHM_ALIASES: Record<string, AlgorithmType> = { deis: 'dpmsolver++' };
const SOLVER_ALIASES: Record<string, SolverType> = { logrho: 'midpoint', bh1: 'midpoint', bh2: 'midpoint' };

export function parseSchedulerConfig(raw: SchedulerConfigJson, defaults: SettingsDefaults = {}): SchedulerSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('config', raw, 'a JSON object');
  const config: SchedulerConfigJson = { ...raw };
  if (typeof config.algorithm_type === 'string') config.algorithm_type = ownEntry(ALGORITHM_ALIASES, config.algorithm_type) ?? config.algorithm_type;
  if (typeof config.solver_type === 'string') config.solver_type = ownEntry(SOLVER_ALIASES, config.solver_type) ?? config.solver_type;
  // Python writes float('-inf') as the non-JSON token -Infinity; a reader that maps it to a string hands us that
  if (config.lambda_min_clipped === '-inf' || config.lambda_min_clipped === '-Infinity') config.lambda_min_clipped = -Infinity;
  const numTrainTimesteps = pick(config, 'num_train_timesteps', 1000, (v) => isNonNegativeInteger(v) && (v as number) > 1, 'an integer > 1');
  const trainedBetas = pick<number[] | undefined>(
    config,
    'trained_betas',
    undefined,
    (v) => Array.isArray(v) && v.length === numTrainTimesteps && v.every((b) => typeof b === 'number' && b > 0 && b < 1),
    `an array of ${numTrainTimesteps} numbers in (0, 1)`,
  );
  const settings: SchedulerSettings = {
    numTrainTimesteps,
    betaStart: pick(config, 'beta_start', defaults.betaStart ?? 0.0001, isPositiveNumber, 'a positive number'),
    betaEnd: pick(config, 'beta_end', defaults.betaEnd ?? 0.02, isPositiveNumber, 'a positive number'),
    betaSchedule: pick(config, 'beta_schedule', defaults.betaSchedule ?? 'linear', oneOf(['linear', 'scaled_linear', 'squaredcos_cap_v2']), 'one of linear, scaled_linear, squaredcos_cap_v2'),
    trainedBetas,
    predictionType: pick(config, 'prediction_type', 'epsilon', oneOf(['epsilon', 'v_prediction', 'sample']), 'one of epsilon, v_prediction, sample'),
    timestepSpacing: pick(config, 'timestep_spacing', defaults.timestepSpacing ?? 'leading', oneOf(['leading', 'trailing', 'linspace']), 'one of leading, trailing, linspace'),
    stepsOffset: pick(config, 'steps_offset', 0, isNonNegativeInteger, 'a non-negative integer'),
    setAlphaToOne: pick(config, 'set_alpha_to_one', defaults.setAlphaToOne ?? true, isBoolean, 'true or false'),
    clipSample: pick(config, 'clip_sample', defaults.clipSample ?? false, isBoolean, 'true or false'),
    clipSampleRange: pick(config, 'clip_sample_range', 1, isPositiveNumber, 'a positive number'),
    thresholding: pick(config, 'thresholding', false, isBoolean, 'true or false'),
    dynamicThresholdingRatio: pick(config, 'dynamic_thresholding_ratio', 0.995, (v) => typeof v === 'number' && v > 0 && v <= 1, 'a number in (0, 1]'),
    sampleMaxValue: pick(config, 'sample_max_value', 1, isPositiveNumber, 'a positive number'),
    useKarrasSigmas: pick(config, 'use_karras_sigmas', defaults.useKarrasSigmas ?? false, isBoolean, 'true or false'),
    useExponentialSigmas: pick(config, 'use_exponential_sigmas', false, isBoolean, 'true or false'),
    useLuLambdas: pick(config, 'use_lu_lambdas', false, isBoolean, 'true or false'),
    sigmaMin: pick<number | undefined>(config, 'sigma_min', undefined, isPositiveNumber, 'a positive number'),
    sigmaMax: pick<number | undefined>(config, 'sigma_max', undefined, isPositiveNumber, 'a positive number'),
    interpolationType: pick(config, 'interpolation_type', 'linear', oneOf(['linear', 'log_linear']), 'linear or log_linear'),
    timestepType: pick(config, 'timestep_type', 'discrete', oneOf(['discrete', 'continuous']), 'discrete or continuous'),
    rescaleBetasZeroSnr: pick(config, 'rescale_betas_zero_snr', false, isBoolean, 'true or false'),
    skipPrkSteps: pick(config, 'skip_prk_steps', defaults.skipPrkSteps ?? false, isBoolean, 'true or false'),
    solverOrder: pick(config, 'solver_order', 2, (v) => v === 1 || v === 2 || v === 3, '1, 2 or 3'),
    algorithmType: pick(config, 'algorithm_type', defaults.algorithmType ?? 'dpmsolver++', oneOf(['dpmsolver++', 'sde-dpmsolver++', 'dpmsolver', 'sde-dpmsolver']), 'one of dpmsolver++, sde-dpmsolver++, dpmsolver, sde-dpmsolver'),
    solverType: pick(config, 'solver_type', 'midpoint', oneOf(['midpoint', 'heun']), 'midpoint or heun'),
    // JSON cannot spell -inf; diffusers' default is −∞ (no clipping)
    lambdaMinClipped: pick(config, 'lambda_min_clipped', -Infinity, isNumber, 'a number'),
    lowerOrderFinal: pick(config, 'lower_order_final', true, isBoolean, 'true or false'),
    eulerAtFinal: pick(config, 'euler_at_final', false, isBoolean, 'true or false'),
    finalSigmasType: pick(config, 'final_sigmas_type', defaults.finalSigmasType ?? 'zero', oneOf(['zero', 'sigma_min']), 'zero or sigma_min'),
    originalInferenceSteps: pick(config, 'original_inference_steps', 50, (v) => isNonNegativeInteger(v) && (v as number) > 0, 'a positive integer'),
    timestepScaling: pick(config, 'timestep_scaling', 10, isPositiveNumber, 'a positive number'),
  };
  for (const [key, accepted] of Object.entries(UNSUPPORTED_IF_SET)) {
    if (config[key] !== undefined && config[key] !== null && config[key] !== accepted) fail(key, config[key], `${accepted} (Tessera does not implement it)`);
  }
  if (config.variance_type !== undefined && config.variance_type !== null) fail('variance_type', config.variance_type, 'null (learned variance is not implemented)');
  if (settings.useKarrasSigmas && settings.useExponentialSigmas) fail('use_exponential_sigmas', true, 'false when use_karras_sigmas is true (one σ schedule at a time)');
  if (settings.betaEnd < settings.betaStart) fail('beta_end', settings.betaEnd, `a number ≥ beta_start (${settings.betaStart})`);
  return settings;
}

/** Applies short-name overrides on top of a parsed config (e.g. dpmpp_2m_karras sets use_karras_sigmas). */
export function withOverrides(config: SchedulerConfigJson, overrides: SchedulerConfigJson): SchedulerConfigJson {
  return { ...config, ...overrides };
}
