// electron-builder's afterPack hook (build/electron-builder.yml): sets the Electron fuses of electron-fuses.ts
// in the packed binary. Registers tsx first, as electron/main/entry.mjs does, so the hook itself is TypeScript.
import { register } from 'tsx/esm/api';

register();
const { afterPack } = await import('./electron-fuses.ts');

export default afterPack;
