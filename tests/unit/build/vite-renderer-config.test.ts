// The renderer's Vite profile: a production build (the default of `vite build`, what `npm run build` and the
// packaged app use) writes no source maps; only an explicit development build does.
import { describe, expect, it } from 'vitest';
import type { UserConfig, UserConfigFnObject } from 'vite';
import config from '../../../build/vite.renderer.config.ts';

const resolve = (mode: string): UserConfig => (config as UserConfigFnObject)({ mode, command: 'build', isSsrBuild: false, isPreview: false });

describe('vite.renderer.config', () => {
  it('writes no source maps in production', () => {
    expect(resolve('production').build?.sourcemap).toBe(false);
  });

  it('writes them for `--mode development`', () => {
    expect(resolve('development').build?.sourcemap).toBe(true);
  });
});
