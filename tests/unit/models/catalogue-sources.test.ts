// The catalogue a host offers: the shipped one plus <data>/catalogue.json (validated, naming the bad entry), with
// huggingface.co URLs pointed at TESSERA_HF_ENDPOINT.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../native-models/models/catalogue.ts';
import { loadCatalogueSources } from '../../../native-models/models/catalogue-sources.ts';
import { hfEndpointFromEnv, rewriteHfUrl } from '../../../native-models/models/manager/hf-endpoint.ts';

let dataDir: string;
const shipped = await loadCatalogue();

function userEntry(id: string) {
  return {
    ...structuredClone(shipped.models.find((m) => m.id === 'mobile-sam')!),
    id,
    displayName: `My ${id}`,
  };
}

async function writeUserCatalogue(models: unknown[]): Promise<void> {
  await fs.writeFile(path.join(dataDir, 'catalogue.json'), JSON.stringify({ version: 1, notes: ['mine'], models }));
}

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-catalogue-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('the user catalogue in the data folder', () => {
  it('adds its entries after the shipped ones and says where each came from', async () => {
    await writeUserCatalogue([userEntry('my-sam')]);
    const catalogue = await loadCatalogueSources({ dataDir, env: {} });
    expect(catalogue.models.map((m) => m.id)).toEqual([...shipped.models.map((m) => m.id), 'my-sam']);
    expect(catalogue.origin['my-sam']).toBe(path.join(dataDir, 'catalogue.json'));
    expect(catalogue.notes).toContain('mine');
  });

  it('is optional', async () => {
    expect((await loadCatalogueSources({ dataDir, env: {} })).models).toHaveLength(shipped.models.length);
  });

  it('refuses a bad entry naming the entry and the field', async () => {
    const bad = userEntry('my-broken');
    bad.files[0]!.url = 'ftp://example.com/x.onnx';
    await writeUserCatalogue([userEntry('my-good'), bad]);
    await expect(loadCatalogueSources({ dataDir, env: {} })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/catalogue\.json: invalid catalogue \(model "my-broken" \(models\[1\]\) files\.0\.url: /),
    });
  });

  it('refuses an id the shipped catalogue already has (it adds entries, never replaces them)', async () => {
    await writeUserCatalogue([userEntry('mobile-sam')]);
    await expect(loadCatalogueSources({ dataDir, env: {} })).rejects.toThrow(/model "mobile-sam" is already in .*catalogue\.json, expected a new id/);
  });
});

describe('TESSERA_HF_ENDPOINT', () => {
  it('rewrites huggingface.co URLs of every entry and leaves other hosts alone', async () => {
    const catalogue = await loadCatalogueSources({ env: { TESSERA_HF_ENDPOINT: 'https://hf-mirror.example/' } });
    const urls = catalogue.models.flatMap((m) => m.files.map((f) => f.url));
    expect(urls.some((u) => u.startsWith('https://huggingface.co'))).toBe(false);
    expect(catalogue.models.find((m) => m.id === 'mobile-sam')!.files[0]!.url).toMatch(/^https:\/\/hf-mirror\.example\/Acly\/MobileSAM\/resolve\//);
    expect(catalogue.models.find((m) => m.id === 'u2net')!.files[0]!.url).toMatch(/^https:\/\/github\.com\/danielgatis\/rembg\//);
  });

  it('is checked like a download URL, and the rewrite keeps the path', () => {
    expect(hfEndpointFromEnv({})).toBeNull();
    expect(hfEndpointFromEnv({ TESSERA_HF_ENDPOINT: 'http://127.0.0.1:9000' })).toBe('http://127.0.0.1:9000');
    expect(() => hfEndpointFromEnv({ TESSERA_HF_ENDPOINT: 'http://mirror.example' })).toThrow(/TESSERA_HF_ENDPOINT: .*expected an https:\/\/ URL/);
    expect(() => hfEndpointFromEnv({ TESSERA_HF_ENDPOINT: 'not a url' })).toThrow(/expected a URL/);
    expect(rewriteHfUrl('https://huggingface.co/a/b/resolve/main/c.onnx', 'https://m.example/hf')).toBe('https://m.example/hf/a/b/resolve/main/c.onnx');
    expect(rewriteHfUrl('https://huggingface.com/a', 'https://m.example')).toBe('https://huggingface.com/a');
    expect(rewriteHfUrl('https://huggingface.co.evil.example/a', 'https://m.example')).toBe('https://huggingface.co.evil.example/a');
  });
});
