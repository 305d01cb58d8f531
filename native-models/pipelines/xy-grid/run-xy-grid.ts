// Runs an X/Y plot: each cell generated in order by the host's own generation path (the CLI's or the service's,
// so every cell is an ordinary generated image with its own parameters), then the labelled grid PNG. A cancel
// stops after the cell in progress: the finished cells stay, and the grid is drawn with the missing ones grey.
import { TesseraError } from '../../api/errors.ts';
import type { GenerationParameters } from '../../api/generation-parameters.ts';
import type { GridCell, GridPlan } from '../../core/xy-grid/grid-plan.ts';
import { addGenerationParameters, readGenerationParameters } from '../../image/png-metadata/generation-metadata.ts';
import { renderGridImage } from '../../image/xy-grid-image.ts';
import { GENERATOR_NAME } from '../diffusion/generated-image-file.ts';

/** One finished cell: its PNG (its own parameters embedded) and those parameters. */
export interface GridCellResult {
  cell: GridCell;
  png: Uint8Array;
  parameters: GenerationParameters;
}

export interface RunXyGridOptions {
  plan: GridPlan;
  /** The size every cell is generated at. */
  width: number;
  height: number;
  signal?: AbortSignal;
  /** Makes one cell's image as a PNG carrying its parameters (rejects with CANCELLED when `signal` fires). */
  generateCell: (cell: GridCell, signal: AbortSignal | undefined) => Promise<Uint8Array>;
  /** Awaited as soon as a cell is made (write it, list it): a cancel later keeps it. */
  onCell?: (result: GridCellResult) => Promise<void>;
}

export interface XyGridOutcome {
  /** By cell index; null where the cell was not made. */
  cells: (GridCellResult | null)[];
  cancelled: boolean;
  /** The grid PNG (the first finished cell's parameters, plus the plot's axes under `extra`); null with no cell made. */
  grid: Uint8Array | null;
}

/** What the grid PNG records beyond its first cell's parameters: the axes, and how many cells it shows. */
export function gridExtra(plan: GridPlan, made: number): Record<string, string> {
  const extra: Record<string, string> = { 'X/Y plot X': `${plan.xTitle}: ${plan.columnLabels.join(', ')}`, 'X/Y plot cells': `${made} of ${plan.cells.length}` };
  if (plan.yTitle !== null) extra['X/Y plot Y'] = `${plan.yTitle}: ${plan.rowLabels.join(', ')}`;
  return extra;
}

function parametersIn(png: Uint8Array, cell: GridCell): GenerationParameters {
  const metadata = readGenerationParameters(png);
  if (metadata?.dialect !== 'tessera') throw new TesseraError('INTERNAL', `X/Y cell ${cell.index + 1}: got a PNG without Tessera parameters, expected the generated image's own`);
  return metadata.parameters;
}

export async function runXyGrid(options: RunXyGridOptions): Promise<XyGridOutcome> {
  const { plan, signal } = options;
  const cells: (GridCellResult | null)[] = plan.cells.map(() => null);
  let cancelled = false;
  for (const cell of plan.cells) {
    if (signal?.aborted) {
      cancelled = true;
      break;
    }
    let png: Uint8Array;
    try {
      png = await options.generateCell(cell, signal);
    } catch (error) {
      if (signal?.aborted && error instanceof TesseraError && error.code === 'CANCELLED') {
        cancelled = true;
        break;
      }
      throw error;
    }
    const result = { cell, png, parameters: parametersIn(png, cell) };
    cells[cell.index] = result;
    await options.onCell?.(result);
  }
  const made = cells.filter((c) => c !== null);
  if (made.length === 0) return { cells, cancelled, grid: null };
  const picture = await renderGridImage(plan, options.width, options.height, cells.map((c) => c?.png ?? null));
  const parameters = { ...made[0]!.parameters, extra: { ...made[0]!.parameters.extra, ...gridExtra(plan, made.length) } };
  return { cells, cancelled, grid: addGenerationParameters(picture, parameters, { generator: GENERATOR_NAME }) };
}
