// The Electron fuses of a packaged Tessera, flipped in the packed binary by electron-builder's afterPack hook
// (after-pack.mjs), before signing: no running the binary as plain Node, no Node CLI/inspector flags or
// NODE_OPTIONS, the app only from its asar archive with its integrity checked, and no extra file:// powers
// (the renderer comes from app://). Development runs use the npm electron binary and are unaffected.
import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';

export const TESSERA_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // electron-builder writes the asar's hash where Electron checks it (macOS Info.plist, Windows resources).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The part of electron-builder's AfterPackContext this hook reads (electron-builder is not a dependency). */
export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch enum: 1 = x64, 3 = arm64, 4 = universal. */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

const ARM64 = 3;

/** Where the Electron binary (macOS: the .app, which @electron/fuses resolves) sits in the packed folder. */
export function packedElectronBinary(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
}

/** The afterPack hook: flips TESSERA_FUSES in the packed binary (throws, failing the build, if it cannot). */
export async function afterPack(context: AfterPackContext): Promise<void> {
  // Flipping fuses breaks an arm64 macOS binary's ad-hoc signature; reset it (real signing comes later).
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === ARM64;
  await flipFuses(packedElectronBinary(context), { ...TESSERA_FUSES, resetAdHocDarwinSignature });
}
