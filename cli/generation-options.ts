// The generation options `tessera generate` and `tessera batch generate|img2img` share (node:util parseArgs specs).

export const GENERATION_OPTIONS = {
  negative: { type: 'string' },
  steps: { type: 'string' },
  scheduler: { type: 'string' },
  guidance: { type: 'string' },
  seed: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  strength: { type: 'string' },
  count: { type: 'string' },
  overwrite: { type: 'boolean' },
  json: { type: 'boolean' },
  provider: { type: 'string' },
  threads: { type: 'string' },
  'fast-decode': { type: 'boolean' },
} as const;
