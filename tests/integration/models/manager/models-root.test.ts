// The default models folder per platform, model folder names, and Content-Range parsing (pure helpers).
import { describe, expect, it } from 'vitest';
import { checkModelId, defaultModelsRoot, modelIdFromName } from '../../../../native-models/models/manager/index.ts';
import { parseContentRange } from '../../../../native-models/models/manager/http-get.ts';

describe('defaultModelsRoot', () => {
  it('uses the platform user-data folder', () => {
    expect(defaultModelsRoot({}, 'linux', '/home/ada')).toBe('/home/ada/.local/share/tessera/models');
    expect(defaultModelsRoot({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ada')).toBe('/data/tessera/models');
    expect(defaultModelsRoot({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Tessera/models');
    expect(defaultModelsRoot({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Tessera\\models');
  });

  it('lets TESSERA_MODELS_DIR override it', () => {
    expect(defaultModelsRoot({ TESSERA_MODELS_DIR: '/srv/models', XDG_DATA_HOME: '/data' }, 'linux', '/home/ada')).toBe('/srv/models');
  });
});

describe('model folder names', () => {
  it('accepts portable names and refuses separators, dots and empties', () => {
    expect(checkModelId('sd-turbo')).toBe('sd-turbo');
    expect(checkModelId('SD_1.5-fp16')).toBe('SD_1.5-fp16');
    for (const bad of ['', '.', '..', '../x', 'a/b', 'a\\b', '.hidden', 'trailing.', 'x'.repeat(101)]) {
      expect(() => checkModelId(bad), bad).toThrow(/expected 1-100 letters/);
    }
  });

  it('cleans folder names into ids', () => {
    expect(modelIdFromName('My Model (fp16)')).toBe('My-Model-fp16');
    expect(modelIdFromName('.hidden')).toBe('hidden');
    expect(modelIdFromName('∅')).toBe('model');
  });
});

describe('parseContentRange', () => {
  it('reads ranges and the 416 form', () => {
    expect(parseContentRange('bytes 100-199/1000')).toEqual({ start: 100, end: 199, total: 1000 });
    expect(parseContentRange('bytes */1000')).toEqual({ start: null, end: null, total: 1000 });
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, total: null });
    expect(parseContentRange('items 0-9/10')).toBeUndefined();
    expect(parseContentRange(undefined)).toBeUndefined();
  });
});
