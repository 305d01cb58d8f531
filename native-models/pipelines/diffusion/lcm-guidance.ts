// LCM-distilled UNets take guidance as an embedding (`timestep_cond`) instead of a doubled CFG batch
// (diffusers' LatentConsistencyModelPipeline; model-contracts.md §2).

/**
 * The guidance-scale embedding for w = guidance − 1: w·1000 times frequencies exp(−k·ln(10000)/(half − 1)),
 * as [sin(...), cos(...)] of length `dim`; repeated for each of `batch` images → [batch, dim].
 */
export function guidanceScaleEmbedding(guidance: number, dim: number, batch: number): Float32Array {
  const half = Math.floor(dim / 2);
  const w = (guidance - 1) * 1000;
  const row = new Float32Array(dim);
  const step = Math.log(10000) / (half - 1);
  for (let k = 0; k < half; k++) {
    const angle = w * Math.exp(-k * step);
    row[k] = Math.sin(angle);
    row[half + k] = Math.cos(angle);
  }
  const out = new Float32Array(dim * batch);
  for (let b = 0; b < batch; b++) out.set(row, b * dim);
  return out;
}
