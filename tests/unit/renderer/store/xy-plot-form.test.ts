// The Studio's X/Y plot section: the cell count it shows and the generateGrid request it builds from the Generate
// form (no count: one image per cell), accepted by the contract; a bad value is refused naming it.
import { describe, expect, it } from 'vitest';
import { parseApiCall } from '../../../../native-models/api/index.ts';
import { DEFAULT_FORM } from '../../../../renderer/src/store/generate-params.ts';
import { DEFAULT_XY_PLOT_FORM, toGenerateGridParams, xyCellCount } from '../../../../renderer/src/store/xy-plot-form.ts';

const form = { ...DEFAULT_FORM, prompt: 'a red circle', count: 4, width: 128, height: 128 };

describe('X/Y plot form', () => {
  it('counts cells as typed, one row without a y axis', () => {
    expect(xyCellCount(DEFAULT_XY_PLOT_FORM)).toBe(6);
    expect(xyCellCount({ ...DEFAULT_XY_PLOT_FORM, yAxis: 'none' })).toBe(3);
    expect(xyCellCount({ ...DEFAULT_XY_PLOT_FORM, xValues: ' , ' })).toBe(0);
  });

  it('builds a request the contract accepts, with the form’s settings and no count', () => {
    const params = toGenerateGridParams({ xAxis: 'prompt-sr', xValues: 'red, blue', yAxis: 'guidance', yValues: '1.5, 7' }, form, 'demo-pack/demo-sd', 9);
    expect(params).not.toHaveProperty('count');
    expect(parseApiCall('generateGrid', params)).toMatchObject({ modelId: 'demo-pack/demo-sd', prompt: 'a red circle', seed: 9, width: 128, x: { axis: 'prompt-sr', values: ['red', 'blue'] }, y: { axis: 'guidance', values: [1.5, 7] } });
    expect(toGenerateGridParams({ ...DEFAULT_XY_PLOT_FORM, yAxis: 'none' }, form, 'm', 1)).not.toHaveProperty('y');
  });

  it('refuses a value the axis cannot take, naming it', () => {
    expect(() => toGenerateGridParams({ ...DEFAULT_XY_PLOT_FORM, xValues: '10, twenty' }, form, 'm', 1)).toThrow(/steps: got "twenty", expected a number/);
  });
});
