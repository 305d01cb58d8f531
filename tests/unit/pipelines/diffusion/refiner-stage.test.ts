// diffusers' denoising_end / denoising_start split: cut-off = round(T − switchAt·T); the base keeps t ≥ cut-off.
// Expected lists: SDXL's 20-step leading schedule (steps_offset 1) is 951, 901, …, 1; at 0.8 the cut-off is 200, so
// diffusers' base runs 951…201 (16 steps) and the refiner 151…1 (4), as StableDiffusionXLImg2ImgPipeline.get_timesteps.
import { describe, expect, it } from 'vitest';
import { splitSchedule } from '../../../../native-models/pipelines/diffusion/refiner-stage.ts';

const leading20 = Array.from({ length: 20 }, (_, i) => 951 - 50 * i);

describe('splitSchedule', () => {
  it('splits one schedule at the cut-off without dropping or repeating a timestep', () => {
    const { base, refiner } = splitSchedule(leading20, 0.8);
    expect(base).toHaveLength(16);
    expect(base.at(-1)).toBe(201);
    expect(refiner).toEqual([151, 101, 51, 1]);
    expect([...base, ...refiner]).toEqual(leading20);
  });

  it('moves the cut-off with switchAt and with the training length', () => {
    expect(splitSchedule(leading20, 0.9).refiner).toEqual([51, 1]);
    expect(splitSchedule(leading20, 0.5).refiner).toHaveLength(10);
    expect(splitSchedule([450, 300, 150, 0], 0.8, 500).refiner).toEqual([0]);
  });

  it('leaves a part empty where a short schedule has no timestep on that side', () => {
    expect(splitSchedule([999], 0.8)).toEqual({ base: [999], refiner: [] });
    expect(splitSchedule([100, 50], 0.5)).toEqual({ base: [], refiner: [100, 50] });
  });
});
