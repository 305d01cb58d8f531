// Chooses ONNX Runtime execution providers: `auto` = the best GPU provider that runs here, then CPU. A provider
// counts as available only when a probe session ran on it (provider-probe.ts), cached per machine.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { TesseraError } from '../api/errors.ts';
import { ProviderProbeCache } from './provider-probe-cache.ts';
import { probeProvider, onnxRuntimeVersion } from './provider-probe.ts';

export const PROVIDER_NAMES = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export type ConcreteProvider = Exclude<ProviderName, 'auto'>;

export interface ProviderAvailability {
  provider: ConcreteProvider;
  available: boolean;
  /** Why it is not available, in words a user can act on. */
  reason?: string;
}

const require = createRequire(import.meta.url);

function bindingDir(): string {
  const pkg = path.dirname(require.resolve('onnxruntime-node/package.json'));
  return path.join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
}

/**
 * What this build of onnxruntime-node ships for the platform, before anything is run. The CUDA add-on is an
 * optional download, so it is detected by its library file; WebGPU is compiled in everywhere but needs a driver.
 */
export function installedProviders(platform: NodeJS.Platform = process.platform): ProviderAvailability[] {
  const cudaLib = path.join(bindingDir(), 'libonnxruntime_providers_cuda.so');
  return [
    { provider: 'cpu', available: true },
    platform === 'linux' && fs.existsSync(cudaLib)
      ? { provider: 'cuda', available: true }
      : {
          provider: 'cuda',
          available: false,
          reason:
            platform === 'linux'
              ? 'the onnxruntime-node CUDA add-on is not installed (fetch it with `ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install`)'
              : 'CUDA is only offered on Linux builds of onnxruntime-node',
        },
    platform === 'win32' ? { provider: 'dml', available: true } : { provider: 'dml', available: false, reason: 'DirectML exists only on Windows' },
    platform === 'darwin' ? { provider: 'coreml', available: true } : { provider: 'coreml', available: false, reason: 'CoreML exists only on macOS' },
    { provider: 'webgpu', available: true },
  ];
}

/**
 * Answers of this process per provider: the first one (probed, or read from the cache file given first) holds
 * for the process, so each provider is probed at most once and every session load agrees with getHealth.
 */
const outcomes = new Map<ConcreteProvider, Promise<ProviderAvailability>>();
const latest = new Map<ConcreteProvider, ProviderAvailability>();

export interface DetectOptions {
  /** JSON file keeping probe results across runs (in the data folder); without it the probe runs per process. */
  cacheFile?: string;
}

/** One provider's availability: not installed, or the probe session's result (cached per version and platform). */
function availabilityOf(entry: ProviderAvailability, options: DetectOptions): Promise<ProviderAvailability> {
  const key = entry.provider;
  let pending = outcomes.get(key);
  if (!pending) {
    pending = entry.available ? probeWithCache(entry.provider, options.cacheFile) : Promise.resolve(entry);
    outcomes.set(key, pending);
  }
  return pending.then((result) => {
    latest.set(result.provider, result);
    return result;
  });
}

async function probeWithCache(provider: ConcreteProvider, cacheFile: string | undefined): Promise<ProviderAvailability> {
  const cache = cacheFile ? await ProviderProbeCache.open(cacheFile) : undefined;
  const [version, platform] = [onnxRuntimeVersion(), `${process.platform}-${process.arch}`];
  let outcome = cache?.get(version, provider, platform);
  if (!outcome) {
    outcome = await probeProvider(provider);
    // Re-read before writing: another provider's probe may have saved meanwhile.
    const fresh = cacheFile ? await ProviderProbeCache.open(cacheFile) : undefined;
    fresh?.set(version, provider, platform, outcome);
    await fresh?.save();
  }
  return outcome.ok ? { provider, available: true } : { provider, available: false, reason: `a probe session failed on it: ${outcome.error}` };
}

/**
 * Which providers run on this machine: every installed one gets a probe session (or its cached result for this
 * onnxruntime version and platform). CPU is probed too: a result is only trusted when it was seen.
 */
export async function detectProviders(options: DetectOptions = {}): Promise<ProviderAvailability[]> {
  const result: ProviderAvailability[] = [];
  // One after another: probes of two GPU providers at once could contend for the same device.
  for (const entry of installedProviders()) result.push(await availabilityOf(entry, options));
  return result;
}

/** The providers `requested` could use, probed (only those: `auto` never probes WebGPU, `cpu` nothing else). */
async function detectFor(requested: ProviderName, options: DetectOptions): Promise<ProviderAvailability[]> {
  const wanted = (p: ConcreteProvider) => (requested === 'auto' ? AUTO_GPU.includes(p) : p === requested);
  const result: ProviderAvailability[] = [{ provider: 'cpu', available: true }];
  for (const entry of installedProviders()) if (entry.provider !== 'cpu' && wanted(entry.provider)) result.push(await availabilityOf(entry, options));
  return result;
}

/**
 * The last answer per provider, for synchronous callers (getHealth); a provider not probed yet in this process
 * is not vouched for.
 */
export function probeProviders(): ProviderAvailability[] {
  return installedProviders().map((p) => latest.get(p.provider) ?? (p.provider === 'cpu' || !p.available ? p : { provider: p.provider, available: false, reason: 'not probed yet' }));
}

/** The GPU providers `auto` may pick, best first. WebGPU is only used when asked for. */
const AUTO_GPU: ConcreteProvider[] = ['cuda', 'dml', 'coreml'];

/** The providers to try for `requested`, probing what it needs first: what a session load calls. */
export async function providersToTry(requested: ProviderName, options: DetectOptions = {}): Promise<ConcreteProvider[]> {
  if (!PROVIDER_NAMES.includes(requested)) return resolveProviders(requested, []);
  return resolveProviders(requested, await detectFor(requested, options));
}

/** The provider list to try in order. An explicit provider that is unavailable is an error, never a silent CPU run. */
export function resolveProviders(requested: ProviderName, availability = probeProviders()): ConcreteProvider[] {
  if (!PROVIDER_NAMES.includes(requested)) {
    throw new TesseraError('INVALID_ARGUMENT', `unknown execution provider "${String(requested)}", expected one of ${PROVIDER_NAMES.join(', ')}`);
  }
  if (requested === 'cpu') return ['cpu'];
  if (requested === 'auto') {
    const gpu = AUTO_GPU.map((p) => availability.find((a) => a.provider === p && a.available)).find((a) => a !== undefined);
    return gpu ? [gpu.provider, 'cpu'] : ['cpu'];
  }
  const entry = availability.find((a) => a.provider === requested);
  if (!entry?.available) {
    throw new TesseraError('PROVIDER_UNAVAILABLE', `execution provider "${requested}" is not available here: ${entry?.reason ?? 'unknown reason'}; choose cpu or auto`, { provider: requested });
  }
  return [requested];
}

/** Checks a provider setting before it is stored or used (updateSettings, `--provider`): probes, then resolves. */
export async function checkProviderSetting(requested: string, options: DetectOptions = {}): Promise<ProviderName> {
  await providersToTry(requested as ProviderName, options);
  return requested as ProviderName;
}
