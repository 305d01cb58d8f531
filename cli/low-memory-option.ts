// `--low-memory`, the same flag on every command that runs a diffusion model (generate, grid, batch, worker), as
// the Settings switch: one stage's sessions alive at a time, tiled VAE past one tile. Without it the engine's
// memory guard still switches a model that would not fit the free RAM, and says so.
export const LOW_MEMORY_OPTION = { 'low-memory': { type: 'boolean' } } as const;

