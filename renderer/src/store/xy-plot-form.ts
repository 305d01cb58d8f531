// The Studio's X/Y plot section: its values (an axis and its values as typed, for x and optionally y) and the
// generateGrid request built from them with the Generate form's other settings. The typed values are read by the
// engine's own parser (core/xy-grid), so the Studio and `tessera grid --x steps=10,20` accept the same text.
import { XY_GRID_LIMITS, type GenerateGridParams, type XyAxisName } from '../../../native-models/api/index.ts';
import { parseAxisValues, splitAxisValues } from '../../../native-models/core/xy-grid/parse-axis-values.ts';
import { toGenerateParams, type GenerateForm } from './generate-params.ts';

export interface XyPlotForm {
  xAxis: XyAxisName;
  xValues: string;
  /** 'none' = one row. */
  yAxis: XyAxisName | 'none';
  yValues: string;
}

export const DEFAULT_XY_PLOT_FORM: XyPlotForm = { xAxis: 'steps', xValues: '10, 20, 30', yAxis: 'scheduler', yValues: 'euler, dpmpp_2m_karras' };

/** What a values field shows as its example. */
export const XY_VALUE_EXAMPLES: Record<XyAxisName, string> = {
  seed: '1, 2, 3',
  steps: '10, 20, 30',
  guidance: '5, 7.5, 10',
  scheduler: 'euler, dpmpp_2m_karras',
  'prompt-sr': 'red, blue (first = text to replace)',
  model: 'model ids',
};

/** Cells the plot will make (values counted as typed; 0 while a field is empty). */
export function xyCellCount(form: XyPlotForm): number {
  const count = (text: string) => splitAxisValues(text).length;
  return count(form.xValues) * (form.yAxis === 'none' ? 1 : count(form.yValues));
}

/** The request for the plot; throws INVALID_ARGUMENT naming the axis and the value when one is wrong. */
export function toGenerateGridParams(xy: XyPlotForm, form: GenerateForm, modelId: string, seed: number): GenerateGridParams {
  const x = parseAxisValues(xy.xAxis, xy.xValues);
  const y = xy.yAxis === 'none' ? undefined : parseAxisValues(xy.yAxis, xy.yValues);
  // The Generate form's request, less its count: every cell is one image.
  const { count: _count, ...cell } = toGenerateParams(form, modelId, seed);
  return { ...cell, x, ...(y ? { y } : {}) };
}

export { XY_GRID_LIMITS };
