// A JSON file in the data folder that is always whole on disk: every save is an atomic replace (temp file,
// fsync, rename), saves are serialised and coalesced (only the newest waiting value is written), and a file
// that no longer parses is moved aside with a warning instead of stopping the app.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../image/write-file-atomic.ts';

export class AtomicJsonFile<T> {
  private writing: Promise<void> = Promise.resolve();
  private waiting: { value: T } | undefined;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    /** Permission bits of the file (e.g. 0o600 for a secret); default 0o666 less the umask. */
    private readonly mode?: number,
  ) {}

  /** The stored value; undefined when there is no file yet, or it was unreadable (then it is kept as `*.corrupt-<time>`). */
  async read(): Promise<T | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let problem: string;
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      problem = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
    } catch (error) {
      problem = `invalid JSON (${(error as Error).message})`;
    }
    const aside = `${this.file}.corrupt-${Date.now()}`;
    await fs.rename(this.file, aside);
    console.warn(`tessera: ${this.file}: got ${problem}, expected the file this version writes; moved it to ${aside} and started afresh`);
    return undefined;
  }

  /** Queues a save; resolves once this value (or a newer one) is on disk. */
  save(value: T): Promise<void> {
    const first = this.waiting === undefined;
    this.waiting = { value };
    if (first) {
      this.writing = this.writing
        .catch(() => undefined)
        .then(async () => {
          const next = this.waiting!;
          this.waiting = undefined;
          await fs.mkdir(path.dirname(this.file), { recursive: true });
          await writeFileAtomic(this.file, new TextEncoder().encode(`${JSON.stringify(next.value, null, 1)}\n`), { overwrite: true, ...(this.mode === undefined ? {} : { mode: this.mode }) });
        });
    }
    return this.writing;
  }

  /** Waits for the saves queued so far. */
  async flush(): Promise<void> {
    await this.writing.catch(() => undefined);
  }
}
