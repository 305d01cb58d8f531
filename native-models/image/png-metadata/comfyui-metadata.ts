// ComfyUI's PNG metadata: the `prompt` chunk (the API graph: { "<id>": { class_type, inputs } }, an input
// being a literal or a link ["<from id>", outputSlot]) and the `workflow` chunk (the editor graph: nodes
// with widgets_values, links as [id, fromNode, fromSlot, toNode, toSlot, type]). Both are searched for a
// KSampler and the nodes it draws on: CLIPTextEncode texts, EmptyLatentImage size, checkpoint name.

import type { PartialGenerationParameters } from '../../api/generation-parameters.ts';
import { ownEntry } from '../../core/own-entry.ts';
import { fromComfySampler } from './sampler-names.ts';

interface ApiNode {
  class_type: string;
  inputs: Record<string, unknown>;
}
type ApiGraph = Record<string, ApiNode>;

const SAMPLERS = ['KSampler', 'KSamplerAdvanced'];
const MAX_HOPS = 16; // graphs can hold cycles through reroutes; never follow more links than this

/** Parameters from the `prompt` (API graph) JSON text, or null when it holds no sampler. */
export function parseComfyPrompt(json: string): PartialGenerationParameters | null {
  const graph = parseJson(json);
  return isRecord(graph) ? fromGraph(toApiGraph(graph)) : null;
}

/** Parameters from the `workflow` (editor graph) JSON text, or null when it holds no sampler. */
export function parseComfyWorkflow(json: string): PartialGenerationParameters | null {
  const workflow = parseJson(json);
  return isRecord(workflow) && Array.isArray(workflow.nodes) ? fromGraph(workflowToApiGraph(workflow)) : null;
}

function fromGraph(graph: ApiGraph): PartialGenerationParameters | null {
  const ids = Object.keys(graph)
    .filter((id) => SAMPLERS.includes(graph[id].class_type))
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  if (ids.length === 0) return null;
  // With several samplers (hires fix, refiner) the first pass is the one fed by an empty latent.
  const id = ids.find((i) => linked(graph, graph[i].inputs.latent_image)?.class_type.includes('EmptyLatent')) ?? ids[0];
  const inputs = graph[id].inputs;
  const p: PartialGenerationParameters = {};
  const seed = literal(graph, inputs.seed ?? inputs.noise_seed, ['seed', 'noise_seed', 'value']);
  if (typeof seed === 'number') p.seed = seed;
  const steps = literal(graph, inputs.steps, ['steps', 'value']);
  if (typeof steps === 'number') p.steps = steps;
  const cfg = literal(graph, inputs.cfg, ['cfg', 'value']);
  if (typeof cfg === 'number') p.guidance = cfg;
  const samplerName = literal(graph, inputs.sampler_name, ['sampler_name', 'value']);
  const scheduler = literal(graph, inputs.scheduler, ['scheduler', 'value']);
  if (typeof scheduler === 'string') p.scheduleType = scheduler;
  if (typeof samplerName === 'string') {
    p.sampler = fromComfySampler(samplerName, p.scheduleType);
    if (p.sampler.endsWith('_karras')) delete p.scheduleType;
  }
  if (typeof inputs.denoise === 'number') p.denoise = inputs.denoise;
  const positive = conditioningText(graph, inputs.positive, 0);
  if (positive !== null) p.prompt = positive;
  const negative = conditioningText(graph, inputs.negative, 0);
  if (negative !== null) p.negativePrompt = negative;
  const size = latentSize(graph, inputs.latent_image, 0);
  if (size) {
    p.width = size.width;
    p.height = size.height;
  }
  const model = modelName(graph, inputs.model, 0);
  if (model !== null) p.model = model;
  const clipSkip = clipLayer(graph, inputs.positive, 0);
  if (clipSkip !== null) p.clipSkip = clipSkip;
  return p;
}

/** Text of the CLIPTextEncode behind a conditioning input, following combine/ControlNet-style nodes. */
function conditioningText(graph: ApiGraph, ref: unknown, hops: number): string | null {
  const node = linked(graph, ref);
  if (!node || hops > MAX_HOPS) return null;
  for (const key of ['text', 'text_g', 'text_l']) {
    const text = literal(graph, node.inputs[key], ['text', 'value', 'string']);
    if (typeof text === 'string') return text;
  }
  for (const [key, value] of Object.entries(node.inputs)) {
    if (/conditioning|positive|negative/.test(key)) {
      const text = conditioningText(graph, value, hops + 1);
      if (text !== null) return text;
    }
  }
  return null;
}

function latentSize(graph: ApiGraph, ref: unknown, hops: number): { width: number; height: number } | null {
  const node = linked(graph, ref);
  if (!node || hops > MAX_HOPS) return null;
  const width = literal(graph, node.inputs.width, ['width', 'value']);
  const height = literal(graph, node.inputs.height, ['height', 'value']);
  if (typeof width === 'number' && typeof height === 'number') return { width, height };
  return latentSize(graph, node.inputs.samples ?? node.inputs.latent_image ?? node.inputs.latent, hops + 1);
}

function modelName(graph: ApiGraph, ref: unknown, hops: number): string | null {
  const node = linked(graph, ref);
  if (!node || hops > MAX_HOPS) return null;
  for (const key of ['ckpt_name', 'unet_name', 'model_name']) {
    if (typeof node.inputs[key] === 'string') return node.inputs[key] as string;
  }
  return modelName(graph, node.inputs.model, hops + 1); // LoRA loaders, model patches…
}

/** A1111-style clip skip from a CLIPSetLastLayer on the positive text's CLIP path (-2 → 2). */
function clipLayer(graph: ApiGraph, conditioningRef: unknown, hops: number): number | null {
  let node = linked(graph, conditioningRef);
  while (node && hops++ <= MAX_HOPS) {
    if (typeof node.inputs.stop_at_clip_layer === 'number') return -node.inputs.stop_at_clip_layer;
    node = linked(graph, node.inputs.clip);
  }
  return null;
}

/** The value of an input, following a link into a primitive node's `keys` when it is one. */
function literal(graph: ApiGraph, value: unknown, keys: string[], hops = 0): unknown {
  if (!isLink(value)) return value;
  const node = ownEntry(graph, value[0]);
  if (!node || hops > MAX_HOPS) return undefined;
  for (const key of keys) {
    if (Object.hasOwn(node.inputs, key)) return literal(graph, node.inputs[key], keys, hops + 1);
  }
  return undefined;
}

function linked(graph: ApiGraph, ref: unknown): ApiNode | undefined {
  return isLink(ref) ? ownEntry(graph, ref[0]) : undefined;
}

function isLink(value: unknown): value is [string, number] {
  return Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && typeof value[1] === 'number';
}

function toApiGraph(raw: Record<string, unknown>): ApiGraph {
  const graph: ApiGraph = {};
  for (const [id, node] of Object.entries(raw)) {
    if (isRecord(node) && typeof node.class_type === 'string' && isRecord(node.inputs)) {
      const inputs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node.inputs)) inputs[k] = isLink(v) ? [String(v[0]), v[1]] : v;
      graph[id] = { class_type: node.class_type, inputs };
    }
  }
  return graph;
}

// Editor graphs store widget values by position; these are the positions for the nodes we read.
// KSampler's seed widget is followed by a "control after generate" value (fixed/randomize/…) when shown.
const WIDGETS: Record<string, string[]> = {
  KSampler: ['seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'denoise'],
  KSamplerAdvanced: ['add_noise', 'noise_seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'start_at_step', 'end_at_step', 'return_with_leftover_noise'],
  CLIPTextEncode: ['text'],
  EmptyLatentImage: ['width', 'height', 'batch_size'],
  CheckpointLoaderSimple: ['ckpt_name'],
  UNETLoader: ['unet_name', 'weight_dtype'],
  CLIPSetLastLayer: ['stop_at_clip_layer'],
  PrimitiveNode: ['value'],
};
const SEED_CONTROLS = new Set(['fixed', 'increment', 'decrement', 'randomize']);

function workflowToApiGraph(workflow: Record<string, unknown>): ApiGraph {
  const links = new Map<number, [string, number]>();
  for (const link of Array.isArray(workflow.links) ? workflow.links : []) {
    if (Array.isArray(link) && link.length >= 5) links.set(Number(link[0]), [String(link[1]), Number(link[2])]);
    else if (isRecord(link)) links.set(Number(link.id), [String(link.origin_id), Number(link.origin_slot)]);
  }
  const graph: ApiGraph = {};
  for (const node of workflow.nodes as unknown[]) {
    if (!isRecord(node) || typeof node.type !== 'string') continue;
    const inputs: Record<string, unknown> = {};
    const names = ownEntry(WIDGETS, node.type) ?? [];
    const values = Array.isArray(node.widgets_values) ? [...node.widgets_values] : [];
    const seedAt = names.findIndex((n) => n === 'seed' || n === 'noise_seed');
    if (seedAt >= 0 && typeof values[seedAt + 1] === 'string' && SEED_CONTROLS.has(values[seedAt + 1] as string)) {
      values.splice(seedAt + 1, 1);
    }
    names.forEach((name, i) => {
      if (i < values.length) inputs[name] = values[i];
    });
    for (const input of Array.isArray(node.inputs) ? node.inputs : []) {
      if (isRecord(input) && typeof input.name === 'string' && typeof input.link === 'number' && links.has(input.link)) {
        inputs[input.name] = links.get(input.link);
      }
    }
    graph[String(node.id)] = { class_type: node.type, inputs };
  }
  return graph;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Python's json.dumps writes NaN for unset floats, which JSON.parse rejects; retry without them.
    try {
      return JSON.parse(text.replace(/\bNaN\b/g, 'null'));
    } catch {
      return null;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
