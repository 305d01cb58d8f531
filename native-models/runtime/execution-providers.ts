// Chooses ONNX Runtime execution providers: `auto` = the best GPU provider present on this platform, then CPU.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { TesseraError } from '../api/errors.ts';

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

/** What this machine can run. The CUDA add-on is an optional download, so it is detected by its library file. */
export function probeProviders(platform: NodeJS.Platform = process.platform): ProviderAvailability[] {
  const dir = bindingDir();
  const cudaLib = path.join(dir, 'libonnxruntime_providers_cuda.so');
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
    // The WebGPU provider is compiled in but needs a Vulkan/Metal/D3D12 driver; it is only used when asked for.
    { provider: 'webgpu', available: true },
  ];
}

/** The provider list to try in order. An explicit provider that is unavailable is an error, never a silent CPU run. */
export function resolveProviders(requested: ProviderName, availability = probeProviders()): ConcreteProvider[] {
  if (!PROVIDER_NAMES.includes(requested)) {
    throw new TesseraError('INVALID_ARGUMENT', `unknown execution provider "${String(requested)}", expected one of ${PROVIDER_NAMES.join(', ')}`);
  }
  if (requested === 'cpu') return ['cpu'];
  if (requested === 'auto') {
    const gpu = availability.find((a) => a.available && (a.provider === 'cuda' || a.provider === 'dml' || a.provider === 'coreml'));
    return gpu ? [gpu.provider, 'cpu'] : ['cpu'];
  }
  const entry = availability.find((a) => a.provider === requested);
  if (!entry?.available) {
    throw new TesseraError('PROVIDER_UNAVAILABLE', `execution provider "${requested}" is not available here: ${entry?.reason ?? 'unknown reason'}`);
  }
  return [requested];
}
