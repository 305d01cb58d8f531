// `npm run bench [-- --quick]`: speed and memory figures measured side by side in one run, printed as a
// table and written to bench-results.json. Never part of `npm test` (no timed assertions anywhere).
// So far: batch cut-out throughput against a plain sequential loop (issue 5); issue 8 adds the rest.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeDemoPack } from '../native-models/demo/make-demo-pack.ts';
import { runCutoutThroughput } from '../native-models/batch/bench-scenario.ts';

const quick = process.argv.includes('--quick');
const images = quick ? 200 : 1000;

const packDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-pack-'));
try {
  await makeDemoPack(packDir);
  process.stderr.write(`batch cut-out: ${images} images of 64×64 through the BatchRunner and through a sequential loop…\n`);
  const cutout = await runCutoutThroughput({ samDir: path.join(packDir, 'demo-sam'), images, size: 64 });
  const results = {
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    quick,
    batch_images: cutout.images,
    batch_images_per_s: cutout.batchImagesPerS,
    sequential_images_per_s: cutout.sequentialImagesPerS,
    batch_speedup_vs_sequential: cutout.batchImagesPerS / cutout.sequentialImagesPerS,
    batch_peak_rss_mb: cutout.batchPeakRssMb,
    sequential_peak_rss_mb: cutout.sequentialPeakRssMb,
  };
  const rows: [string, string][] = [
    ['batch cut-out, BatchRunner', `${results.batch_images_per_s.toFixed(1)} images/s, peak RSS ${results.batch_peak_rss_mb.toFixed(0)} MiB`],
    ['batch cut-out, sequential loop', `${results.sequential_images_per_s.toFixed(1)} images/s, peak RSS ${results.sequential_peak_rss_mb.toFixed(0)} MiB`],
    ['speed-up (same run)', `${results.batch_speedup_vs_sequential.toFixed(2)}×`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${results.machine}${quick ? ' (quick)' : ''}\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  await fs.writeFile('bench-results.json', JSON.stringify(results, null, 2) + '\n');
} finally {
  await fs.rm(packDir, { recursive: true, force: true });
}
