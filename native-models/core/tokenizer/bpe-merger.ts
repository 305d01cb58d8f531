// Byte-pair merging of one pre-token by merge rank, with CLIP's "</w>" end-of-word marker and a memo cache.

export const END_OF_WORD = '</w>';
const CACHE_LIMIT = 50_000;

/** Applies ranked merges: repeatedly merge the adjacent pair with the lowest rank until no ranked pair remains. */
export class BpeMerger {
  private readonly ranks: Map<string, number>;
  private readonly cache = new Map<string, readonly string[]>();
  private readonly fixed: ReadonlyMap<string, readonly string[]>;

  /**
   * `merges` in rank order (line order of merges.txt). `unsplittable` tokens (CLIP's <|startoftext|> and
   * <|endoftext|>) come back whole, without "</w>", as CLIP's pre-seeded cache does.
   */
  constructor(merges: readonly (readonly [string, string])[], unsplittable: readonly string[] = []) {
    this.ranks = new Map(merges.map(([a, b], rank) => [pairKey(a, b), rank]));
    this.fixed = new Map(unsplittable.map((t) => [t, [t]]));
  }

  /** The BPE symbols of one pre-token (byte-unicode characters); the last symbol carries "</w>". */
  apply(token: string): readonly string[] {
    const fixed = this.fixed.get(token) ?? this.cache.get(token);
    if (fixed) return fixed;
    const chars = Array.from(token);
    if (chars.length === 0) return [];
    let word = [...chars.slice(0, -1), chars[chars.length - 1]! + END_OF_WORD];
    while (word.length > 1) {
      const best = this.lowestRankedPair(word);
      if (!best) break;
      word = mergeAll(word, best[0], best[1]);
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, word);
    return word;
  }

  private lowestRankedPair(word: readonly string[]): [string, string] | undefined {
    let bestRank = Infinity;
    let best: [string, string] | undefined;
    for (let i = 0; i + 1 < word.length; i++) {
      const rank = this.ranks.get(pairKey(word[i]!, word[i + 1]!));
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = [word[i]!, word[i + 1]!];
      }
    }
    return best;
  }
}

// Symbols never contain a space (byte 0x20 is 'Ġ' in the byte alphabet), so a space separates the pair unambiguously.
function pairKey(a: string, b: string): string {
  return `${a} ${b}`;
}

/** Merges every non-overlapping occurrence of (first, second), scanning left to right. */
function mergeAll(word: readonly string[], first: string, second: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < word.length) {
    if (i + 1 < word.length && word[i] === first && word[i + 1] === second) {
      out.push(first + second);
      i += 2;
    } else {
      out.push(word[i]!);
      i += 1;
    }
  }
  return out;
}
