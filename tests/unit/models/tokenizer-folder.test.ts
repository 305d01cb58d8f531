// loadClipTokenizer on temporary tokenizer/ folders built from the shipped CLIP files.
import { mkdtemp, copyFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadClipTokenizer } from '../../../native-models/models/tokenizer-folder.ts';
import { TesseraError } from '../../../native-models/api/errors.ts';

const assets = join(import.meta.dirname, '../../../native-models/demo/assets/clip-tokenizer');
const made: string[] = [];

async function folder(files: Record<string, string | 'copy'>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-tokenizer-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    if (content === 'copy') await copyFile(join(assets, name), join(dir, name));
    else await writeFile(join(dir, name), content);
  }
  return dir;
}

async function failure(dir: string): Promise<TesseraError> {
  try {
    await loadClipTokenizer(dir);
  } catch (error) {
    if (error instanceof TesseraError) return error;
    throw error;
  }
  throw new Error('expected loadClipTokenizer to fail');
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadClipTokenizer', () => {
  it('loads vocab.json + merges.txt alone (SD 1.x defaults: pad = <|endoftext|>)', async () => {
    const tok = await loadClipTokenizer(await folder({ 'vocab.json': 'copy', 'merges.txt': 'copy' }));
    expect(tok.encode('a photo of a cat')).toEqual([320, 1125, 539, 320, 2368]);
    expect(tok.padTokenId).toBe(49407);
  });

  it('reads special_tokens_map.json over tokenizer_config.json (SD 2.x pad "!" = 0)', async () => {
    const dir = await folder({
      'vocab.json': 'copy',
      'merges.txt': 'copy',
      'tokenizer_config.json': JSON.stringify({ pad_token: '<|endoftext|>', model_max_length: 77 }),
      'special_tokens_map.json': JSON.stringify({ pad_token: { content: '!', lstrip: false } }),
    });
    const tok = await loadClipTokenizer(dir);
    expect(tok.padTokenId).toBe(0);
    expect(Array.from(tok.encodeForModel('cat').slice(0, 4))).toEqual([49406, 2368, 49407, 0]);
  });

  it('a missing merges.txt is TOKENIZER_INVALID naming the file', async () => {
    const error = await failure(await folder({ 'vocab.json': 'copy' }));
    expect(error.code).toBe('TOKENIZER_INVALID');
    expect(error.message).toMatch(/merges\.txt is missing/);
  });

  it('malformed JSON in an optional config is TOKENIZER_INVALID naming the file', async () => {
    const error = await failure(await folder({ 'vocab.json': 'copy', 'merges.txt': 'copy', 'tokenizer_config.json': '{' }));
    expect(error.code).toBe('TOKENIZER_INVALID');
    expect(error.message).toMatch(/tokenizer_config\.json: not valid JSON/);
  });

  it('malformed vocab.json content is TOKENIZER_INVALID with the folder in the message', async () => {
    const dir = await folder({ 'vocab.json': '[]', 'merges.txt': 'copy' });
    const error = await failure(dir);
    expect(error.code).toBe('TOKENIZER_INVALID');
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/vocab\.json: got an array/);
  });
});
