// `--provider NAME`: checked before any work against what ran a probe session on this machine (the probe result
// is kept in the data folder, as for the Studio), so an unavailable provider is refused with its reason.
import { checkProviderSetting, type ProviderName } from '../native-models/index.ts';
import { dataFolderLayout, defaultDataDir } from '../native-models/service/data-folder.ts';

export function parseProviderOption(value: string | undefined): Promise<ProviderName> {
  return checkProviderSetting(value ?? 'auto', { cacheFile: dataFolderLayout(defaultDataDir()).providerProbeFile });
}
