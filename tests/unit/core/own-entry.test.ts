// Names that are Object.prototype members (`__proto__`, `constructor`, `toString`, `hasOwnProperty`) looked up in
// every name → entry table that user input reaches: schedulers, scheduler-config aliases, sampler labels read from
// PNG metadata, ComfyUI graphs. Each must answer "unknown" (with the valid names where it is an error).
import { describe, expect, it } from 'vitest';
import { ownEntry } from '../../../native-models/core/own-entry.ts';
import { createScheduler, resolveSchedulerName, SCHEDULER_NAMES } from '../../../native-models/core/schedulers/create-scheduler.ts';
import { parseSchedulerConfig } from '../../../native-models/core/schedulers/scheduler-config.ts';
import { fromComfySampler, fromInvokeScheduler, fromSdCppSampler, toA1111Sampler } from '../../../native-models/image/png-metadata/sampler-names.ts';
import { parseComfyPrompt } from '../../../native-models/image/png-metadata/comfyui-metadata.ts';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('ownEntry', () => {
  it('finds own keys only', () => {
    const table = { euler: 1 };
    expect(ownEntry(table, 'euler')).toBe(1);
    for (const name of PROTOTYPE_NAMES) expect(ownEntry(table, name)).toBeUndefined();
  });
});

describe('scheduler names', () => {
  it.each(PROTOTYPE_NAMES)('"%s" is INVALID_ARGUMENT listing the valid schedulers', (name) => {
    for (const call of [() => createScheduler(name), () => resolveSchedulerName(name)]) {
      expect(call).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`unknown scheduler "${name}", expected one of ${SCHEDULER_NAMES.join(', ')}`) }));
    }
  });

  it('an algorithm_type or solver_type named like a prototype member is refused as a value, not replaced by a function', () => {
    expect(() => parseSchedulerConfig({ algorithm_type: 'constructor' })).toThrow(/algorithm_type/);
    expect(() => parseSchedulerConfig({ solver_type: 'toString' })).toThrow(/solver_type/);
  });
});

describe('sampler labels from other tools pass unknown names through', () => {
  it.each(PROTOTYPE_NAMES)('"%s"', (name) => {
    expect(toA1111Sampler(name)).toEqual({ sampler: name });
    expect(fromSdCppSampler(name)).toBe(name);
    expect(fromInvokeScheduler(name)).toBe(name);
    expect(fromComfySampler(name)).toBe(name);
  });

  it('a ComfyUI graph linking to a node id "constructor" reads as an unlinked input', () => {
    const graph = {
      '3': { class_type: 'KSampler', inputs: { seed: 5, steps: 20, cfg: 7, sampler_name: 'euler', scheduler: 'normal', positive: ['constructor', 0], negative: ['toString', 0], latent_image: ['__proto__', 0] } },
    };
    expect(parseComfyPrompt(JSON.stringify(graph))).toMatchObject({ seed: 5, steps: 20, sampler: 'euler' });
  });
});
