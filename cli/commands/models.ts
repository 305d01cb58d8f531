// `tessera models …`: check and make-demo here; list, catalogue, install, import and remove in cli/models/.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { inspectModelFolder, inspectModelsInside, makeDemoPack, loadOnnxModel, isTesseraError, subjectModelPath, upscalerModelPath, type ModelFolderReport, type FolderProblem } from '../../native-models/index.ts';
import { CliUsageError } from '../usage-error.ts';
import { formatBytes } from '../format.ts';
import { runCatalogue, runList } from '../models/models-list.ts';
import { runInstall } from '../models/models-install.ts';
import { runImport, runRemove } from '../models/models-import-remove.ts';
import { MODELS_USAGE, modelsUsage, type ModelsSubcommand } from '../models/models-usage.ts';

const USAGE = modelsUsage();

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

async function deepCheck(report: ModelFolderReport, load: boolean): Promise<ModelFolderReport> {
  if (load && report.problems.length === 0) {
    report.problems.push(...(await loadEveryPart(report)));
    report.usable = report.problems.length === 0;
  }
  return report;
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, load: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new CliUsageError(`models check needs exactly one folder\n${modelsUsage('check')}`);
  const report = await inspectModelFolder(positionals[0]!);
  // Not a model, but a folder of models (a models root, the demo pack): each one's verdict.
  const inside = report.kind === 'unknown' ? await inspectModelsInside(report.path) : [];
  if (inside.length > 0) {
    const reports = [];
    for (const r of inside) reports.push(await deepCheck(r, values.load ?? false));
    if (values.json) process.stdout.write(JSON.stringify({ path: report.path, models: reports }, null, 2) + '\n');
    else {
      process.stdout.write(`${report.path}: a folder of ${reports.length} models (${reports.filter((r) => r.usable).length} usable)\n`);
      reports.forEach(printReport);
    }
    return reports.every((r) => r.usable) ? 0 : 1;
  }
  await deepCheck(report, values.load ?? false);
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else printReport(report);
  return report.usable ? 0 : 1;
}

async function makeDemo(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new CliUsageError(`models make-demo needs exactly one target folder\n${modelsUsage('make-demo')}`);
  const started = performance.now();
  const summary = await makeDemoPack(positionals[0]!);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`wrote the synthetic demo pack to ${summary.dir} in ${seconds} s (${formatBytes(summary.totalBytes)}): ${summary.folders.join(', ')}\n`);
  return 0;
}

const SUBCOMMANDS: Record<ModelsSubcommand, (args: string[]) => Promise<number>> = {
  list: runList,
  catalogue: runCatalogue,
  install: runInstall,
  import: runImport,
  remove: runRemove,
  check,
  'make-demo': makeDemo,
};

function isSubcommand(name: string | undefined): name is ModelsSubcommand {
  return name !== undefined && Object.hasOwn(MODELS_USAGE, name);
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const help = rest.includes('--help') || rest.includes('-h');
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (!isSubcommand(sub)) throw new CliUsageError(`unknown models sub-command "${sub}", expected one of ${Object.keys(MODELS_USAGE).join(', ')}\n${USAGE}`);
  if (help) {
    process.stdout.write(`${modelsUsage(sub)}\n`);
    return 0;
  }
  return SUBCOMMANDS[sub](rest);
}
