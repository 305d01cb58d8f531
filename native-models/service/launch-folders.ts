// A models folder named at launch (`tessera start --models DIR`) reaches the Electron main process through the
// environment. Like `serve --models`, it wins over the saved setting for that session; a plain TESSERA_MODELS_DIR
// stays what it always was, the default behind an unset setting.
import path from 'node:path';

export const LAUNCH_MODELS_ENV = 'TESSERA_LAUNCH_MODELS_DIR';

/** The environment for a child host started with a launch-time models folder (unchanged without one). */
export function withLaunchModelsRoot(env: NodeJS.ProcessEnv, modelsRoot: string | undefined): NodeJS.ProcessEnv {
  if (!modelsRoot) return { ...env };
  const resolved = path.resolve(modelsRoot);
  return { ...env, TESSERA_MODELS_DIR: resolved, [LAUNCH_MODELS_ENV]: resolved };
}

/** The launch-time models folder, for TesseraService.start's `modelsRoot`; undefined when none was named. */
export function launchModelsRoot(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[LAUNCH_MODELS_ENV];
  return value ? value : undefined;
}
