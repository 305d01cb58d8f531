// planGrid and the axis parser: cells in row-major order with each axis value applied (A1111's Prompt S/R: the
// first value is the search term, every occurrence in prompt and negative prompt replaced), labels per axis, and
// the refusals (a term the prompt lacks, one axis twice, bad values) with messages that name the value.
import { describe, expect, it } from 'vitest';
import { planGrid } from '../../../../native-models/core/xy-grid/grid-plan.ts';
import { parseAxisSpec, splitAxisValues } from '../../../../native-models/core/xy-grid/parse-axis-values.ts';

const BASE = { modelId: 'demo-pack/demo-sd', prompt: 'a red circle, red glow', negativePrompt: 'no red', steps: 20, guidance: 7.5, seed: 5 };

describe('planGrid', () => {
  it('applies x per column and y per row, row-major, with labels', () => {
    const plan = planGrid(BASE, { axis: 'steps', values: [10, 20, 30] }, { axis: 'scheduler', values: ['euler', 'dpmpp_2m_karras'] });
    expect([plan.columns, plan.rows, plan.xTitle, plan.yTitle]).toEqual([3, 2, 'Steps', 'Scheduler']);
    expect(plan.columnLabels).toEqual(['10', '20', '30']);
    expect(plan.rowLabels).toEqual(['euler', 'dpmpp_2m_karras']);
    expect(plan.cells.map((c) => [c.index, c.column, c.row, c.settings.steps, c.settings.scheduler])).toEqual([
      [0, 0, 0, 10, 'euler'],
      [1, 1, 0, 20, 'euler'],
      [2, 2, 0, 30, 'euler'],
      [3, 0, 1, 10, 'dpmpp_2m_karras'],
      [4, 1, 1, 20, 'dpmpp_2m_karras'],
      [5, 2, 1, 30, 'dpmpp_2m_karras'],
    ]);
    expect(plan.cells[4]!.settings).toMatchObject({ prompt: BASE.prompt, seed: 5, guidance: 7.5, modelId: 'demo-pack/demo-sd' });
  });

  it('prompt S/R replaces every occurrence in the prompt and negative prompt; its first cell keeps the prompt', () => {
    const plan = planGrid(BASE, { axis: 'prompt-sr', values: ['red', 'blue', 'green'] });
    expect(plan.cells.map((c) => [c.settings.prompt, c.settings.negativePrompt])).toEqual([
      ['a red circle, red glow', 'no red'],
      ['a blue circle, blue glow', 'no blue'],
      ['a green circle, green glow', 'no green'],
    ]);
    expect(plan.rowLabels).toEqual(['']);
    expect(plan.yTitle).toBeNull();
    // Two S/R axes compose (x applied first, then y), as A1111 applies them.
    const both = planGrid(BASE, { axis: 'prompt-sr', values: ['circle', 'square'] }, { axis: 'model', values: ['a', 'b'] });
    expect(both.cells.map((c) => `${c.settings.modelId}:${c.settings.prompt}`)).toEqual(['a:a red circle, red glow', 'a:a red square, red glow', 'b:a red circle, red glow', 'b:a red square, red glow']);
  });

  it('refuses a search term in neither prompt, and one axis on both', () => {
    expect(() => planGrid(BASE, { axis: 'prompt-sr', values: ['purple', 'blue'] })).toThrow(/search term "purple"/);
    expect(() => planGrid(BASE, { axis: 'seed', values: [1] }, { axis: 'seed', values: [2] })).toThrow(/seed on both axes/);
    // A term only in the negative prompt is found there.
    expect(planGrid({ ...BASE, negativePrompt: 'blurry' }, { axis: 'prompt-sr', values: ['blurry', 'noisy'] }).cells[1]!.settings.negativePrompt).toBe('noisy');
  });

  it('labels model values by their folder name', () => {
    expect(planGrid(BASE, { axis: 'model', values: ['/models/sd-turbo', 'demo-pack/demo-sd'] }).columnLabels).toEqual(['sd-turbo', 'demo-sd']);
  });
});

describe('parseAxisSpec', () => {
  it('reads NAME=V1,V2 with numbers for numeric axes and quoted values holding commas', () => {
    expect(parseAxisSpec('steps=10, 20,30')).toEqual({ axis: 'steps', values: [10, 20, 30] });
    expect(parseAxisSpec('guidance=1.5,7')).toEqual({ axis: 'guidance', values: [1.5, 7] });
    expect(parseAxisSpec('prompt-sr=cat,"a dog, running","say ""hi"""')).toEqual({ axis: 'prompt-sr', values: ['cat', 'a dog, running', 'say "hi"'] });
    expect(splitAxisValues('"say ""hi"""')).toEqual(['say "hi"']);
  });

  it('refuses unknown axes, non-numbers, values out of range and unclosed quotes, naming the value', () => {
    expect(() => parseAxisSpec('sampler=euler')).toThrow(/expected NAME=V1,V2,… with NAME one of seed, steps, guidance, scheduler, prompt-sr, model/);
    expect(() => parseAxisSpec('steps=10,abc')).toThrow(/steps: got "abc", expected a number/);
    expect(() => parseAxisSpec('steps=10,2.5')).toThrow(/value 2: 2.5/);
    expect(() => parseAxisSpec('seed=-1')).toThrow(/value 1: -1/);
    expect(() => parseAxisSpec('prompt-sr="cat,dog')).toThrow(/unclosed quote/);
    expect(() => parseAxisSpec('steps=')).toThrow(/got no values/);
    expect(() => parseAxisSpec(`seed=${Array.from({ length: 17 }, (_, i) => i).join(',')}`)).toThrow(/seed/);
  });
});
