// One limit from one place: the CLI's numeric flags are refused where the API refuses the same parameter
// (api/parameter-limits.ts), e.g. `--feather 1e6` where renderCutout / startBatch cap featherPx at 256.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiCall, PARAMETER_LIMITS } from '../../../native-models/api/index.ts';
import { encodePng } from '../../../native-models/image/encode-png.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { stderrLines } from '../../fixtures/cli-output.ts';
import { demoModel } from '../demo-pack.ts';
import { drawImage } from '../segment/draw.ts';
import { tessera } from '../batch/batch-cli.ts';

let root: string;
let image: string;
beforeAll(async () => {
  root = await makeTempDir('tessera-limits-');
  image = path.join(root, 'disc.png');
  await fs.writeFile(image, await encodePng(drawImage(64, 64, [128, 128, 128], [{ kind: 'disc', cx: 32, cy: 32, r: 14, colour: [255, 0, 0] }])));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function expectUsageLine(args: string[], line: string): Promise<void> {
  const result = await tessera(args);
  expect(result.code).toBe(1);
  expect(stderrLines(result.stderr)).toEqual([line]);
}

describe('CLI flags take the API limits', () => {
  it('segment --feather 1e6 is refused as the API refuses featherPx 1000000', async () => {
    expect(() => parseApiCall('renderCutout', { image: { imageId: 'img-a' }, mask: { imageId: 'img-b' }, featherPx: 1e6 })).toThrow(/featherPx/);
    await expectUsageLine(['segment', '--model', demoModel('demo-sam'), '--image', image, '--point', '32,32', '--cutout', path.join(root, 'c.png'), '--feather', '1e6'], 'tessera: --feather: got 1e6, expected an integer from 0 to 256');
  });

  it('batch cutout --feather 1e6 likewise', async () => {
    const inputDir = path.join(root, 'in');
    await fs.mkdir(inputDir, { recursive: true });
    await expectUsageLine(['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', path.join(root, 'out'), '--feather', '1e6'], 'tessera: --feather: got 1e6, expected an integer from 0 to 256');
  });

  it('generate --steps, --guidance, --width, --count, --strength outside the API ranges', async () => {
    const generate = (...extra: string[]) => ['generate', '--model', demoModel('demo-sd'), '--prompt', 'x', '--out', path.join(root, 'g.png'), ...extra];
    await expectUsageLine(generate('--steps', '5000'), 'tessera: --steps: got 5000, expected an integer from 1 to 1000');
    await expectUsageLine(generate('--guidance', '1000'), 'tessera: --guidance: got 1000, expected a number from 0 to 100');
    await expectUsageLine(generate('--width', '100', '--height', '64'), 'tessera: --width: got 100, expected a multiple of 8 from 64 to 4096');
    await expectUsageLine(generate('--count', '65'), 'tessera: --count: got 65, expected an integer from 1 to 64');
    await expectUsageLine(generate('--init', image, '--strength', '0'), 'tessera: --strength: got 0, expected a number > 0 and ≤ 1');
  });

  it('the API schemas accept the limits and refuse one step past them', () => {
    const base = { modelId: 'demo-pack/demo-sd', prompt: 'x', steps: 1, guidance: 0, seed: 0, width: 64, height: 64 };
    const L = PARAMETER_LIMITS;
    expect(() => parseApiCall('generate', { ...base, steps: L.steps.max, guidance: L.guidance.max, width: L.size.max, count: L.count.max })).not.toThrow();
    for (const bad of [{ steps: L.steps.max + 1 }, { guidance: L.guidance.max + 1 }, { width: L.size.max + 8 }, { count: L.count.max + 1 }]) {
      expect(() => parseApiCall('generate', { ...base, ...bad })).toThrow(/invalid arguments/);
    }
  });
});
