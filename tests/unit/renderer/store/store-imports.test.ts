// The store's module graph: no import circle (type-only imports count, since they tie the files together just the
// same), and slices stay independent — a slice never imports another slice or the store that composes them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const STORE = resolve(import.meta.dirname, '../../../../renderer/src/store');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** file → the files inside the store folder it imports (relative specifiers only; everything else lies outside). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const inStore = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.')).map((name) => resolve(dirname(file), name));
      return [file, targets.filter((target) => inStore.has(target))];
    }),
  );
}

/** Every circle found by a depth-first walk, each as the chain of store-relative paths that closes on itself. */
function importCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const walk = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      cycles.push([...path.slice(at), file].map((f) => relative(STORE, f)));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) walk(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) walk(file, []);
  return cycles;
}

describe('store imports', () => {
  const graph = importGraph(sourceFiles(STORE));

  it('reads the store folder (the walk sees the slices and their imports)', () => {
    const slices = [...graph.keys()].filter((f) => f.endsWith('-slice.ts'));
    expect(slices.length).toBeGreaterThanOrEqual(10);
    expect(graph.get(join(STORE, 'create-app-store.ts'))).toContain(join(STORE, 'generate-slice.ts'));
  });

  it('has no import circle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a circle when there is one (the check itself can fail)', () => {
    const a = join(STORE, 'a.ts');
    const b = join(STORE, 'b.ts');
    expect(importCycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('keeps slices independent: no slice imports another slice or the composed store', () => {
    const crossings = [...graph].flatMap(([file, targets]) =>
      file.endsWith('-slice.ts')
        ? targets.filter((t) => t.endsWith('-slice.ts') || t.endsWith('create-app-store.ts')).map((t) => `${relative(STORE, file)} → ${relative(STORE, t)}`)
        : [],
    );
    expect(crossings).toEqual([]);
  });
});
