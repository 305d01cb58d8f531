// createScheduler(name, config): the one way to get a scheduler, by short name or diffusers class name.
import { TesseraError } from '../../api/errors.ts';
import type { Scheduler, SchedulerConfigJson } from './scheduler.ts';
import { parseSchedulerConfig, type SettingsDefaults } from './scheduler-config.ts';
import { DdimScheduler } from './ddim.ts';
import { DpmSolverMultistepScheduler } from './dpm-solver-multistep.ts';
import { DpmSolverSdeScheduler } from './dpm-solver-sde.ts';
import { EulerAncestralDiscreteScheduler } from './euler-ancestral.ts';
import { EulerDiscreteScheduler } from './euler-discrete.ts';
import { HeunDiscreteScheduler } from './heun-discrete.ts';
import { LcmScheduler } from './lcm.ts';
import { LmsDiscreteScheduler } from './lms-discrete.ts';
import { PndmScheduler } from './pndm.ts';
import { isOwnKey } from '../own-entry.ts';

interface SchedulerEntry {
  /** A1111 web UI sampler label, for the UI and PNG metadata. */
  label: string;
  className: string;
  /** Defaults of the diffusers class where they differ from the shared ones. */
  defaults: SettingsDefaults;
  /** Config keys the short name implies. */
  overrides?: SchedulerConfigJson;
  create(config: SchedulerConfigJson, defaults: SettingsDefaults): Scheduler;
}

const ENTRIES = {
  ddim: { label: 'DDIM', className: 'DDIMScheduler', defaults: { timestepSpacing: 'leading', setAlphaToOne: true, clipSample: true }, create: (c, d) => new DdimScheduler(parseSchedulerConfig(c, d)) },
  pndm: { label: 'PLMS', className: 'PNDMScheduler', defaults: { timestepSpacing: 'leading', setAlphaToOne: false }, create: (c, d) => new PndmScheduler(parseSchedulerConfig(c, d)) },
  lms: { label: 'LMS', className: 'LMSDiscreteScheduler', defaults: { timestepSpacing: 'linspace' }, create: (c, d) => new LmsDiscreteScheduler(parseSchedulerConfig(c, d)) },
  euler: { label: 'Euler', className: 'EulerDiscreteScheduler', defaults: { timestepSpacing: 'linspace' }, create: (c, d) => new EulerDiscreteScheduler(parseSchedulerConfig(c, d)) },
  euler_a: { label: 'Euler a', className: 'EulerAncestralDiscreteScheduler', defaults: { timestepSpacing: 'linspace' }, create: (c, d) => new EulerAncestralDiscreteScheduler(parseSchedulerConfig(c, d)) },
  heun: { label: 'Heun', className: 'HeunDiscreteScheduler', defaults: { timestepSpacing: 'linspace', betaStart: 0.00085, betaEnd: 0.012 }, create: (c, d) => new HeunDiscreteScheduler(parseSchedulerConfig(c, d)) },
  dpmpp_2m: {
    label: 'DPM++ 2M',
    className: 'DPMSolverMultistepScheduler',
    defaults: { timestepSpacing: 'linspace' },
    overrides: { use_karras_sigmas: false, algorithm_type: 'dpmsolver++' },
    create: (c, d) => new DpmSolverMultistepScheduler(parseSchedulerConfig(c, d)),
  },
  dpmpp_2m_karras: {
    label: 'DPM++ 2M Karras',
    className: 'DPMSolverMultistepScheduler',
    defaults: { timestepSpacing: 'linspace' },
    overrides: { use_karras_sigmas: true, algorithm_type: 'dpmsolver++' },
    create: (c, d) => new DpmSolverMultistepScheduler(parseSchedulerConfig(c, d)),
  },
  dpmpp_2m_sde_karras: {
    label: 'DPM++ 2M SDE Karras',
    className: 'DPMSolverMultistepScheduler',
    defaults: { timestepSpacing: 'linspace' },
    overrides: { use_karras_sigmas: true, algorithm_type: 'sde-dpmsolver++' },
    create: (c, d) => new DpmSolverMultistepScheduler(parseSchedulerConfig(c, d)),
  },
  dpmpp_sde_karras: {
    label: 'DPM++ SDE Karras',
    className: 'DPMSolverSDEScheduler',
    // DPMSolverSDEScheduler's own defaults (diffusers): β from 0.00085 to 0.012, linspace spacing
    defaults: { timestepSpacing: 'linspace', betaStart: 0.00085, betaEnd: 0.012 },
    overrides: { use_karras_sigmas: true },
    create: (c, d) => new DpmSolverSdeScheduler(parseSchedulerConfig(c, d)),
  },
  dpmpp_sde: {
    label: 'DPM++ SDE',
    className: 'DPMSolverSDEScheduler',
    defaults: { timestepSpacing: 'linspace', betaStart: 0.00085, betaEnd: 0.012 },
    overrides: { use_karras_sigmas: false },
    create: (c, d) => new DpmSolverSdeScheduler(parseSchedulerConfig(c, d)),
  },
  lcm: { label: 'LCM', className: 'LCMScheduler', defaults: { timestepSpacing: 'leading', setAlphaToOne: true, betaStart: 0.00085, betaEnd: 0.012, betaSchedule: 'scaled_linear' }, create: (c, d) => new LcmScheduler(parseSchedulerConfig(c, d)) },
} satisfies Record<string, SchedulerEntry>;

export type SchedulerName = keyof typeof ENTRIES;
export const SCHEDULER_NAMES = Object.keys(ENTRIES) as SchedulerName[];

/** Short name → A1111 label, for pickers and metadata. */
export const SCHEDULER_LABELS: Record<SchedulerName, string> = Object.fromEntries(SCHEDULER_NAMES.map((n) => [n, ENTRIES[n].label])) as Record<SchedulerName, string>;

/** Resolves a short name or a diffusers class name (`_class_name`) to its short name. */
export function resolveSchedulerName(name: string, config: SchedulerConfigJson = {}): SchedulerName {
  if (isOwnKey(ENTRIES, name)) return name;
  const byClass = SCHEDULER_NAMES.filter((n) => ENTRIES[n].className === name);
  if (byClass.length > 0) {
    // one class, several samplers: the class's own config says which (karras σ, SDE algorithm)
    const karras = config.use_karras_sigmas === true;
    if (name === 'DPMSolverSDEScheduler') return karras ? 'dpmpp_sde_karras' : 'dpmpp_sde';
    if (name === 'DPMSolverMultistepScheduler') {
      if (config.algorithm_type === 'sde-dpmsolver++' || config.algorithm_type === 'sde-dpmsolver') return 'dpmpp_2m_sde_karras';
      return karras ? 'dpmpp_2m_karras' : 'dpmpp_2m';
    }
    return byClass[0]!;
  }
  throw new TesseraError('INVALID_ARGUMENT', `unknown scheduler "${name}", expected one of ${SCHEDULER_NAMES.join(', ')} or a diffusers class name (${[...new Set(SCHEDULER_NAMES.map((n) => ENTRIES[n].className))].join(', ')})`);
}

export function createScheduler(name: string, config: SchedulerConfigJson = {}): Scheduler {
  const resolved = resolveSchedulerName(name, config);
  const entry: SchedulerEntry = ENTRIES[resolved];
  // a short name picks a sampler and so may set keys (dpmpp_2m_karras: use_karras_sigmas); a class name takes
  // the config as it is, as diffusers' from_config does
  const overrides = isOwnKey(ENTRIES, name) ? entry.overrides : undefined;
  return entry.create({ ...config, ...overrides }, entry.defaults);
}
