// scheduler_config.json → typed settings with diffusers' keys, defaults and validation (unknown keys ignored).
import { TesseraError } from '../../api/errors.ts';
import type { SchedulerConfigJson } from './scheduler.ts';

export type BetaSchedule = 'linear' | 'scaled_linear' | 'squaredcos_cap_v2';
export type TimestepSpacing = 'leading' | 'trailing' | 'linspace';
export type PredictionType = 'epsilon' | 'v_prediction' | 'sample';

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
  rescaleBetasZeroSnr: boolean;
  skipPrkSteps: boolean;
  solverOrder: number;
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

export function parseSchedulerConfig(config: SchedulerConfigJson, defaults: SettingsDefaults = {}): SchedulerSettings {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) fail('config', config, 'a JSON object');
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
    betaStart: pick(config, 'beta_start', 0.0001, isPositiveNumber, 'a positive number'),
    betaEnd: pick(config, 'beta_end', 0.02, isPositiveNumber, 'a positive number'),
    betaSchedule: pick(config, 'beta_schedule', 'linear', oneOf(['linear', 'scaled_linear', 'squaredcos_cap_v2']), 'one of linear, scaled_linear, squaredcos_cap_v2'),
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
    rescaleBetasZeroSnr: pick(config, 'rescale_betas_zero_snr', false, isBoolean, 'true or false'),
    skipPrkSteps: pick(config, 'skip_prk_steps', defaults.skipPrkSteps ?? false, isBoolean, 'true or false'),
    solverOrder: pick(config, 'solver_order', 2, (v) => v === 1 || v === 2, '1 or 2 (third order is not implemented)'),
    lowerOrderFinal: pick(config, 'lower_order_final', true, isBoolean, 'true or false'),
    eulerAtFinal: pick(config, 'euler_at_final', false, isBoolean, 'true or false'),
    finalSigmasType: pick(config, 'final_sigmas_type', defaults.finalSigmasType ?? 'zero', oneOf(['zero', 'sigma_min']), 'zero or sigma_min'),
    originalInferenceSteps: pick(config, 'original_inference_steps', 50, (v) => isNonNegativeInteger(v) && (v as number) > 0, 'a positive integer'),
    timestepScaling: pick(config, 'timestep_scaling', 10, isPositiveNumber, 'a positive number'),
  };
  const algorithm = config.algorithm_type;
  if (algorithm !== undefined && algorithm !== 'dpmsolver++') fail('algorithm_type', algorithm, 'dpmsolver++ (the only DPM-Solver variant implemented)');
  if (settings.betaEnd < settings.betaStart) fail('beta_end', settings.betaEnd, `a number ≥ beta_start (${settings.betaStart})`);
  return settings;
}

/** Applies short-name overrides on top of a parsed config (e.g. dpmpp_2m_karras sets use_karras_sigmas). */
export function withOverrides(config: SchedulerConfigJson, overrides: SchedulerConfigJson): SchedulerConfigJson {
  return { ...config, ...overrides };
}
