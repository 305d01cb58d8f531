// An X/Y plot as a list of cells: the base request with one axis value applied per column and one per row, in
// row-major order (row 0 left to right, then row 1, …), each cell's settings complete so it can be generated,
// recorded and re-used on its own. Pure: the CLI and the service plan the same grid from the same request.
import { TesseraError } from '../../api/errors.ts';
import { XY_AXIS_TITLES, type XyAxis } from '../../api/xy-grid-schemas.ts';

/** What a cell varies: the fields of one generation an axis can set. */
export interface GridCellSettings {
  modelId: string;
  prompt: string;
  negativePrompt: string;
  /** Absent = the model's own scheduler. */
  scheduler?: string;
  steps: number;
  guidance: number;
  seed: number;
}

export interface GridCell {
  /** 0-based column (x value) and row (y value); `index` = row × columns + column. */
  column: number;
  row: number;
  index: number;
  settings: GridCellSettings;
}

export interface GridPlan {
  columns: number;
  rows: number;
  /** Axis titles and value labels for the grid's headers ("Steps", ["10", "20"]); one empty row label without y. */
  xTitle: string;
  yTitle: string | null;
  columnLabels: string[];
  rowLabels: string[];
  cells: GridCell[];
}

/** The label a value gets on the grid: a model by its last path part, everything else as written. */
export function axisValueLabel(axis: XyAxis['axis'], value: string | number): string {
  if (axis === 'model') return String(value).split(/[\\/]/).filter(Boolean).pop() ?? String(value);
  return String(value);
}

/**
 * A1111's Prompt S/R: every occurrence of the search term (the first value) in the prompt and the negative prompt
 * is replaced by the cell's value; a term in neither is refused before anything runs.
 */
export function applyPromptReplace(settings: GridCellSettings, search: string, replacement: string): GridCellSettings {
  return { ...settings, prompt: settings.prompt.split(search).join(replacement), negativePrompt: settings.negativePrompt.split(search).join(replacement) };
}

function checkSearchTerm(base: GridCellSettings, axis: XyAxis): void {
  if (axis.axis !== 'prompt-sr') return;
  const search = axis.values[0]!;
  if (!base.prompt.includes(search) && !base.negativePrompt.includes(search)) {
    throw new TesseraError('INVALID_ARGUMENT', `prompt-sr: got search term "${search}", expected text the prompt or the negative prompt contains (the first value is what the others replace)`);
  }
}

function applyAxis(settings: GridCellSettings, axis: XyAxis, index: number): GridCellSettings {
  switch (axis.axis) {
    case 'seed':
      return { ...settings, seed: axis.values[index]! };
    case 'steps':
      return { ...settings, steps: axis.values[index]! };
    case 'guidance':
      return { ...settings, guidance: axis.values[index]! };
    case 'scheduler':
      return { ...settings, scheduler: axis.values[index]! };
    case 'prompt-sr':
      return applyPromptReplace(settings, axis.values[0]!, axis.values[index]!);
    case 'model':
      return { ...settings, modelId: axis.values[index]! };
  }
}

export function planGrid(base: GridCellSettings, x: XyAxis, y?: XyAxis): GridPlan {
  if (y && y.axis === x.axis) throw new TesseraError('INVALID_ARGUMENT', `got ${x.axis} on both axes, expected two different axes`);
  checkSearchTerm(base, x);
  if (y) checkSearchTerm(base, y);
  const columns = x.values.length;
  const rows = y?.values.length ?? 1;
  const cells: GridCell[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      // x first, then y: two prompt S/R axes compose the way A1111's xyz_grid applies them.
      const settings = applyAxis(base, x, column);
      cells.push({ column, row, index: row * columns + column, settings: y ? applyAxis(settings, y, row) : settings });
    }
  }
  return {
    columns,
    rows,
    xTitle: XY_AXIS_TITLES[x.axis],
    yTitle: y ? XY_AXIS_TITLES[y.axis] : null,
    columnLabels: x.values.map((v) => axisValueLabel(x.axis, v)),
    rowLabels: y ? y.values.map((v) => axisValueLabel(y.axis, v)) : [''],
    cells,
  };
}
