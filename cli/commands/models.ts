// `tessera models check DIR [--json] [--load]` and `tessera models make-demo DIR`.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { inspectModelFolder, makeDemoPack, loadOnnxModel, isTesseraError, subjectModelPath, upscalerModelPath, type ModelFolderReport, type FolderProblem } from '../../native-models/index.ts';
import { CliUsageError } from '../usage-error.ts';
import { formatBytes } from '../format.ts';
import { makeFullComputePack } from './make-full-compute-pack.ts';

const USAGE = 'usage: tessera models check DIR [--json] [--load] | tessera models make-demo [--full-compute] DIR';

/** Deep check: create a real ONNX Runtime session for every model file the report found. */
async function loadEveryPart(report: ModelFolderReport): Promise<FolderProblem[]> {
  const files =
    report.kind === 'sam' && report.sam
      ? [report.sam.encoderFile, report.sam.decoderFile].map((f) => path.join(report.path, f))
      : report.kind === 'background-removal' && report.backgroundRemoval
        ? [subjectModelPath(report)]
        : report.kind === 'upscaler' && report.upscaler
        ? [upscalerModelPath(report)]
        : report.kind === 'diffusion'
        ? ['text_encoder', 'unet', 'vae_decoder', ...(report.diffusion?.supports.inpainting ? ['vae_encoder'] : [])].map((p) => path.join(report.path, p, 'model.onnx'))
        : [];
  const problems: FolderProblem[] = [];
  for (const file of files) {
    try {
      const model = await loadOnnxModel(file, { provider: 'cpu', onWarning: () => {} });
      await model.release();
    } catch (error) {
      if (!isTesseraError(error)) throw error;
      problems.push({ code: error.code, message: error.message });
    }
  }
  return problems;
}

function printReport(report: ModelFolderReport): void {
  const status = report.usable ? 'OK' : 'NOT USABLE';
  const demo = report.synthetic ? ' (synthetic demo model)' : '';
  process.stdout.write(`${report.path}: ${status} — ${report.kind} model${demo}\n`);
  process.stdout.write(`  variant:   ${report.variant}\n  precision: ${report.precision}\n  size:      ${formatBytes(report.sizeBytes)}\n`);
  if (report.diffusion) {
    const s = report.diffusion.supports;
    const modes = [s.textToImage && 'text-to-image', s.imageToImage && 'image-to-image', s.inpainting && 'inpainting'].filter(Boolean);
    process.stdout.write(`  supports:  ${modes.join(', ') || 'nothing'}\n`);
  }
  if (report.backgroundRemoval) {
    const b = report.backgroundRemoval;
    process.stdout.write(`  family:    ${b.family} (${b.group} contract, ${b.size}² input "${b.inputName}", ${b.outputCount} outputs, ${b.logits ? 'logits' : 'probabilities'}; told by ${b.detectedBy})\n`);
  }
  if (report.upscaler) {
    const u = report.upscaler;
    process.stdout.write(`  upscaler:  ${u.modelFile}, "${u.inputName}" → "${u.outputName}" ${u.dtype}, ${u.scale !== undefined ? `×${u.scale} (declared)` : 'scale measured when opened'}\n`);
  }
  if (report.sam) process.stdout.write(`  files:     encoder ${report.sam.encoderFile}, decoder ${report.sam.decoderFile}\n`);
  for (const problem of report.problems) process.stdout.write(`  problem [${problem.code}]: ${problem.message}\n`);
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, load: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new CliUsageError(`models check needs exactly one folder. ${USAGE}`);
  const report = await inspectModelFolder(positionals[0]!);
  if (values.load && report.problems.length === 0) {
    report.problems.push(...(await loadEveryPart(report)));
    report.usable = report.problems.length === 0;
  }
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else printReport(report);
  return report.usable ? 0 : 1;
}

async function makeDemo(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'full-compute': { type: 'boolean' } } });
  if (positionals.length !== 1) throw new CliUsageError(`models make-demo needs exactly one target folder. ${USAGE}`);
  if (values['full-compute']) return makeFullComputePack(positionals[0]!);
  const started = performance.now();
  const summary = await makeDemoPack(positionals[0]!);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`wrote the synthetic demo pack to ${summary.dir} in ${seconds} s (${formatBytes(summary.totalBytes)}): ${summary.folders.join(', ')}\n`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return check(rest);
  if (sub === 'make-demo') return makeDemo(rest);
  throw new CliUsageError(sub ? `unknown models sub-command "${sub}". ${USAGE}` : USAGE);
}
