// The launch-time models folder's trip from `tessera start --models` to the Electron main process: it must come back
// as the service's modelsRoot (which wins over the saved setting), while a plain TESSERA_MODELS_DIR does not.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCH_MODELS_ENV, launchModelsRoot, withLaunchModelsRoot } from '../../../native-models/service/launch-folders.ts';

describe('launch-time models folder', () => {
  it('round-trips a --models folder, resolved, and keeps TESSERA_MODELS_DIR for older readers', () => {
    const env = withLaunchModelsRoot({ PATH: '/bin' }, 'models/mine');
    expect(env[LAUNCH_MODELS_ENV]).toBe(path.resolve('models/mine'));
    expect(env.TESSERA_MODELS_DIR).toBe(path.resolve('models/mine'));
    expect(env.PATH).toBe('/bin');
    expect(launchModelsRoot(env)).toBe(path.resolve('models/mine'));
  });

  it('names no launch folder when none was given, even with TESSERA_MODELS_DIR set by the user', () => {
    const env = withLaunchModelsRoot({ TESSERA_MODELS_DIR: '/srv/models' }, undefined);
    expect(env).toEqual({ TESSERA_MODELS_DIR: '/srv/models' });
    expect(launchModelsRoot(env)).toBeUndefined();
    expect(launchModelsRoot({ [LAUNCH_MODELS_ENV]: '' })).toBeUndefined();
  });
});
