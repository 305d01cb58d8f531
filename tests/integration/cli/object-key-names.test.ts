// Names that are JavaScript object keys (`__proto__`, `constructor`, `toString`) given where Tessera looks a name
// up: the CLI's command and --scheduler, the API's method name, generate's and a batch's scheduler. Each is a
// clear INVALID_ARGUMENT / usage line listing the valid names (it was `TypeError: entry.create is not a function`).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../native-models/api/index.ts';
import { SCHEDULER_NAMES } from '../../../native-models/core/schedulers/create-scheduler.ts';
import { COMMANDS } from '../../../cli/commands/registry.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl } from '../../../native-models/service/engine-backends.ts';
import { stderrLines } from '../../fixtures/cli-output.ts';
import { demoModel, modelsFolderWithDemoPack } from '../demo-pack.ts';
import { tessera } from '../batch/batch-cli.ts';

const NAMES = ['__proto__', 'constructor', 'toString'];
const SCHEDULERS = `expected one of ${SCHEDULER_NAMES.join(', ')}`;

describe('CLI', () => {
  it.each(NAMES)('tessera %s: unknown command, with the list of commands', async (name) => {
    const result = await tessera([name]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`tessera: unknown command "${name}", expected one of ${Object.keys(COMMANDS).join(', ')}`);
    expect(Object.keys(COMMANDS)).toContain('generate');
  });

  it.each(NAMES)('generate --scheduler %s: one INVALID_ARGUMENT line with the scheduler names', async (name) => {
    const out = path.join(os.tmpdir(), `tessera-no-output-${process.pid}.png`);
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'x', '--steps', '2', '--width', '64', '--height', '64', '--scheduler', name, '--out', out]);
    expect(result.code).toBe(1);
    const lines = stderrLines(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`tessera: error [INVALID_ARGUMENT]: unknown scheduler "${name}", ${SCHEDULERS}`);
    await expect(fs.stat(out)).rejects.toThrow();
  });
});

describe('API', () => {
  let service: TesseraService;
  let modelsDir: string;
  let root: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-object-keys-'));
    modelsDir = await modelsFolderWithDemoPack(root);
    service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, backends: new EngineBackendsImpl(), provider: 'cpu' });
  });
  afterAll(async () => {
    await service.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  it.each(NAMES)('method %s is INVALID_ARGUMENT listing the methods', async (name) => {
    await expect(dispatchApiCall(service, name, {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(new RegExp(`^got method "${name}", expected one of .*generate`)) });
  });

  it.each(NAMES)('generate with scheduler %s fails the call (no job queued) with the scheduler names', async (name) => {
    await expect(dispatchApiCall(service, 'generate', { modelId: 'demo-pack/demo-sd', prompt: 'x', steps: 2, guidance: 1, seed: 1, width: 64, height: 64, scheduler: name })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`unknown scheduler "${name}", ${SCHEDULERS}`),
    });
    expect((await service.listJobs()).jobs).toEqual([]);
  });

  it.each(NAMES)('a generate batch with scheduler %s fails the call', async (name) => {
    const outputDir = path.join(root, `batch-${name}`);
    await expect(dispatchApiCall(service, 'startBatch', { kind: 'generate', modelId: 'demo-pack/demo-sd', outputDir, options: { prompts: ['x'], scheduler: name } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining(`unknown scheduler "${name}"`),
    });
  });
});
