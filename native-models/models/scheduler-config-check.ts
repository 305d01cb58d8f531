// Validates scheduler/scheduler_config.json: present, JSON, and values the schedulers understand.
import { parseConfigJson } from './config-json.ts';
import fs from 'node:fs/promises';
import type { FolderProblem } from './model-folder-report.ts';

const ENUMS: Record<string, readonly string[]> = {
  beta_schedule: ['linear', 'scaled_linear', 'squaredcos_cap_v2'],
  timestep_spacing: ['leading', 'trailing', 'linspace'],
  prediction_type: ['epsilon', 'v_prediction', 'sample'],
};

const POSITIVE_NUMBERS = ['num_train_timesteps', 'beta_start', 'beta_end'];

export interface SchedulerConfigCheck {
  config?: Record<string, unknown>;
  problems: FolderProblem[];
}

export async function checkSchedulerConfigFile(file: string): Promise<SchedulerConfigCheck> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { problems: [{ code: 'MODEL_FILE_MISSING', message: `${file}: missing (the scheduler config sets the noise schedule)` }] };
  let config: Record<string, unknown>;
  try {
    const parsed: unknown = parseConfigJson(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    config = parsed as Record<string, unknown>;
  } catch (error) {
    return { problems: [{ code: 'SCHEDULER_CONFIG_INVALID', message: `${file}: not valid JSON (${(error as Error).message})` }] };
  }
  const problems: FolderProblem[] = [];
  for (const [key, allowed] of Object.entries(ENUMS)) {
    const value = config[key];
    if (value !== undefined && !allowed.includes(value as string)) {
      problems.push({ code: 'SCHEDULER_CONFIG_INVALID', message: `${file}: ${key} is ${JSON.stringify(value)}, expected one of ${allowed.join(', ')}` });
    }
  }
  for (const key of POSITIVE_NUMBERS) {
    const value = config[key];
    if (value !== undefined && !(typeof value === 'number' && value > 0)) {
      problems.push({ code: 'SCHEDULER_CONFIG_INVALID', message: `${file}: ${key} is ${JSON.stringify(value)}, expected a positive number` });
    }
  }
  return { config, problems };
}
