// `tessera grid --x AXIS=V1,V2,… [--y AXIS=…] --out-dir DIR …`: an X/Y plot. Every other generate option applies to
// all cells; each cell is written to DIR as it is made (its own parameters embedded), then DIR/grid.png with the
// axes labelled. Ctrl+C stops after the cell in progress and still writes the partial grid.
import { LOW_MEMORY_OPTION } from '../low-memory-option.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import {
  DiffusionModel,
  SessionCache,
  TesseraError,
  DEFAULT_IMAGE_SIZE,
  generationDefaultsFor,
  resolveModelArg,
  encodeGeneratedPng,
  generateImages,
  parametersOf,
  parseAxisSpec,
  planGrid,
  runXyGrid,
  splitAxisValues,
  writeFileAtomic,
  type GridCell,
  type XyAxis,
} from '../../native-models/index.ts';
import { CliUsageError } from '../usage-error.ts';
import { refuseExisting } from '../refuse-existing.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { GENERATION_OPTIONS } from '../generation-options.ts';
import { parseOptions } from '../parse-options.ts';
import { parseProviderOption } from '../provider-option.ts';
import { MAX_PIXELS_OPTION, applyMaxPixels } from '../max-pixels-option.ts';
import { PROMPT_FILE_OPTIONS, textOrFile } from '../text-file-options.ts';

const USAGE =
  'usage: tessera grid --model NAME|DIR (--prompt TEXT | --prompt-file FILE) --x AXIS=V1,V2,… [--y AXIS=V1,V2,…] --out-dir DIR [--negative TEXT] [--steps N] [--scheduler NAME] ' +
  '[--guidance G] [--seed S] [--width W] [--height H] [--overwrite] [--json]   (AXIS: seed, steps, guidance, scheduler, prompt-sr, model; prompt-sr: the first value is the search term; model: folders, a bare name is a sibling of --model)';

const { strength: _strength, count: _count, ...CELL_OPTIONS } = GENERATION_OPTIONS;
const OPTIONS = {
  ...CELL_OPTIONS,
  ...MAX_PIXELS_OPTION,
  ...PROMPT_FILE_OPTIONS,
  model: { type: 'string' },
  prompt: { type: 'string' },
  x: { type: 'string' },
  y: { type: 'string' },
  'out-dir': { type: 'string' },
  ...LOW_MEMORY_OPTION,
} as const;

export const GRID_FILE = 'grid.png';

/** `cell-r1-c2.png`: row and column, 1-based, as the grid shows them. */
export function cellFileName(cell: Pick<GridCell, 'row' | 'column'>): string {
  return `cell-r${cell.row + 1}-c${cell.column + 1}.png`;
}

/** An axis from the command line; a model axis names folders (a bare name is a sibling of the --model folder). */
function axisOption(flag: 'x' | 'y', spec: string, baseModel: string): XyAxis {
  try {
    if (spec.trim().startsWith('model=')) {
      const folders = splitAxisValues(spec.slice(spec.indexOf('=') + 1)).map((v) => (/[\\/]/.test(v) ? path.resolve(v) : path.join(path.dirname(baseModel), v)));
      if (folders.length === 0) throw new TesseraError('INVALID_ARGUMENT', 'model: got no values, expected model folders');
      return { axis: 'model', values: folders };
    }
    return parseAxisSpec(spec);
  } catch (error) {
    if (error instanceof TesseraError) throw new CliUsageError(`--${flag}: ${error.message}`);
    throw error;
  }
}

function cellPositions(x: XyAxis, y: XyAxis | undefined): { row: number; column: number }[] {
  return Array.from({ length: x.values.length * (y?.values.length ?? 1) }, (_, i) => ({ row: Math.floor(i / x.values.length), column: i % x.values.length }));
}

export async function run(args: string[]): Promise<number> {
  const v = parseOptions(args, OPTIONS, USAGE);
  applyMaxPixels(v['max-pixels']);
  const prompt = textOrFile('prompt', v.prompt, v['prompt-file']);
  const negative = textOrFile('negative', v.negative, v['negative-file']) ?? '';
  if (!v.model) throw new CliUsageError(`--model is required\n${USAGE}`);
  if (prompt === undefined) throw new CliUsageError(`--prompt (or --prompt-file) is required\n${USAGE}`);
  if (!v.x) throw new CliUsageError(`--x is required\n${USAGE}`);
  if (!v['out-dir']) throw new CliUsageError(`--out-dir is required\n${USAGE}`);
  const baseModel = (await resolveModelArg(v.model)).path;
  const outDir = path.resolve(v['out-dir']);
  const x = axisOption('x', v.x, baseModel);
  const y = v.y === undefined ? undefined : axisOption('y', v.y, baseModel);

  // Where every file goes is known before any work: a taken path is refused now, not after a model has loaded.
  if (!v.overwrite) await refuseExisting([GRID_FILE, ...cellPositions(x, y).map(cellFileName)].map((name) => path.join(outDir, name)));

  const sessions = new SessionCache({ provider: await parseProviderOption(v.provider), threads: parseNumberOption('threads', v.threads, 0), lowMemory: v['low-memory'] ?? false });
  const models = new Map<string, Promise<DiffusionModel>>();
  const open = (dir: string) => models.get(dir) ?? models.set(dir, DiffusionModel.open(dir, sessions)).get(dir)!;
  try {
    // The engine's defaults (api/generation-defaults.ts), as `tessera generate` takes them, from the --model folder.
    const defaults = generationDefaultsFor((await open(baseModel)).report.diffusion);
    const scheduler = v.scheduler ?? (defaults.scheduler || undefined);
    const base = {
      modelId: baseModel,
      prompt,
      negativePrompt: negative,
      ...(scheduler !== undefined ? { scheduler } : {}),
      steps: parseNumberOption('steps', v.steps, defaults.steps),
      guidance: parseNumberOption('guidance', v.guidance, defaults.guidance),
      seed: parseNumberOption('seed', v.seed, randomInt(2 ** 32)),
    };
    const width = parseNumberOption('width', v.width, DEFAULT_IMAGE_SIZE.width);
    const height = parseNumberOption('height', v.height, DEFAULT_IMAGE_SIZE.height);
    let plan;
    try {
      plan = planGrid(base, x, y);
    } catch (error) {
      if (error instanceof TesseraError) throw new CliUsageError(error.message);
      throw error;
    }
    await fs.mkdir(outDir, { recursive: true });

    const reporter = createProgressReporter(v.json ?? false);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const outcome = await runXyGrid({
        plan,
        width,
        height,
        signal: controller.signal,
        generateCell: async (cell, signal) => {
          const { modelId: dir, ...settings } = cell.settings;
          const request = { ...settings, width, height };
          let png: Uint8Array | undefined;
          await generateImages(await open(dir), request, {
            signal,
            onProgress: (p) => reporter.update(cell.index, plan.cells.length, 'cells', { step: p.step, totalSteps: p.totalSteps }),
            onImage: async (generated) => void (png = await encodeGeneratedPng(generated, parametersOf(request, generated, path.basename(dir)))),
          });
          return png!;
        },
        onCell: async ({ cell, png }) => {
          const file = path.join(outDir, cellFileName(cell));
          await writeFileAtomic(file, png, { overwrite: v.overwrite ?? false });
          reporter.event('cell', { path: file, row: cell.row, column: cell.column, ...cell.settings }, `wrote ${file}`);
        },
      });
      reporter.finish();
      const made = outcome.cells.filter((c) => c !== null).length;
      if (outcome.grid) {
        const file = path.join(outDir, GRID_FILE);
        await writeFileAtomic(file, outcome.grid, { overwrite: v.overwrite ?? false });
        reporter.event('grid', { path: file, cells: made, of: plan.cells.length, columns: plan.columns, rows: plan.rows }, `wrote ${file} (${made} of ${plan.cells.length} cells)`);
      }
      if (!outcome.cancelled) return 0;
      const kept = made ? `kept ${made} of ${plan.cells.length} cells and the partial grid` : `no cell of ${plan.cells.length} was finished, no grid written`;
      reporter.event('interrupted', { cells: made, of: plan.cells.length }, `interrupted: ${kept}`);
      // 128 + SIGINT, as a shell reports a command stopped by Ctrl+C.
      return 130;
    } finally {
      process.off('SIGINT', onSigint);
    }
  } finally {
    for (const model of models.values()) await (await model.catch(() => null))?.release();
  }
}
