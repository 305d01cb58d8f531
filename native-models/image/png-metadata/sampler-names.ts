// Sampler names across tools: Tessera's scheduler names ↔ the labels A1111, stable-diffusion.cpp,
// ComfyUI and InvokeAI write. Unknown names pass through unchanged.
import { ownEntry } from '../../core/own-entry.ts';

interface SamplerLabel {
  sampler: string;
  scheduleType?: string;
}

/** Tessera name → A1111 "Sampler" (+ "Schedule type" in A1111 ≥ 1.9 style). */
const A1111_LABELS: Record<string, SamplerLabel> = {
  ddim: { sampler: 'DDIM' },
  pndm: { sampler: 'PLMS' },
  lms: { sampler: 'LMS' },
  euler: { sampler: 'Euler' },
  euler_a: { sampler: 'Euler a' },
  heun: { sampler: 'Heun' },
  dpmpp_2m: { sampler: 'DPM++ 2M' },
  dpmpp_2m_karras: { sampler: 'DPM++ 2M', scheduleType: 'Karras' },
  dpmpp_sde: { sampler: 'DPM++ SDE' },
  dpmpp_sde_karras: { sampler: 'DPM++ SDE', scheduleType: 'Karras' },
  dpmpp_2m_sde_karras: { sampler: 'DPM++ 2M SDE', scheduleType: 'Karras' },
  lcm: { sampler: 'LCM' },
};

export function toA1111Sampler(name: string): SamplerLabel {
  return ownEntry(A1111_LABELS, name) ?? { sampler: name };
}

/** A1111 "Sampler" (old one-piece labels like "DPM++ 2M Karras" too) + optional "Schedule type" → Tessera name. */
export function fromA1111Sampler(label: string, scheduleType?: string): string {
  const karras = / Karras$/.test(label) || scheduleType === 'Karras';
  const base = label.replace(/ Karras$/, '');
  for (const [name, entry] of Object.entries(A1111_LABELS)) {
    if (entry.sampler !== base) continue;
    if (karras === (entry.scheduleType === 'Karras')) return name;
  }
  return label;
}

/** stable-diffusion.cpp sample_method names (plus " karras" suffix) → Tessera name. */
const SD_CPP: Record<string, string> = {
  euler: 'euler',
  euler_a: 'euler_a',
  heun: 'heun',
  'dpm++2m': 'dpmpp_2m',
  'dpm++2m karras': 'dpmpp_2m_karras',
  lcm: 'lcm',
  ddim_trailing: 'ddim',
};

export function fromSdCppSampler(label: string): string {
  return ownEntry(SD_CPP, label) ?? label;
}

/** ComfyUI sampler_name + scheduler → Tessera name. */
export function fromComfySampler(samplerName: string, scheduler?: string): string {
  const karras = scheduler === 'karras';
  if (samplerName === 'dpmpp_2m') return karras ? 'dpmpp_2m_karras' : 'dpmpp_2m';
  if (samplerName === 'dpmpp_sde' && karras) return 'dpmpp_sde_karras';
  const plain: Record<string, string> = { euler: 'euler', euler_ancestral: 'euler_a', heun: 'heun', lms: 'lms', ddim: 'ddim', lcm: 'lcm' };
  return (!karras && ownEntry(plain, samplerName)) || samplerName;
}

/** InvokeAI scheduler names (`_k` = Karras sigmas) → Tessera name. */
export function fromInvokeScheduler(name: string): string {
  const map: Record<string, string> = {
    ddim: 'ddim',
    pndm: 'pndm',
    lms: 'lms',
    euler: 'euler',
    euler_a: 'euler_a',
    heun: 'heun',
    dpmpp_2m: 'dpmpp_2m',
    dpmpp_2m_k: 'dpmpp_2m_karras',
    dpmpp_sde_k: 'dpmpp_sde_karras',
    lcm: 'lcm',
  };
  return ownEntry(map, name) ?? name;
}
