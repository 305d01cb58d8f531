// BpeMerger on tiny hand-written merge tables, where every expected split is derived by hand in the comments.
import { describe, expect, it } from 'vitest';
import { BpeMerger } from '../../../../native-models/core/tokenizer/bpe-merger.ts';

describe('BpeMerger', () => {
  it('marks the last symbol with </w> and applies merges in rank order, not left to right', () => {
    // "abc": a b c</w>. Ranks: (b,c</w>)=0 beats (a,b)=1, so b+c</w> first → a bc</w>; then (a,bc</w>)=2 → abc</w>.
    const m = new BpeMerger([['b', 'c</w>'], ['a', 'b'], ['a', 'bc</w>']]);
    expect(m.apply('abc')).toEqual(['abc</w>']);
  });

  it('merges non-overlapping occurrences from the left ("aaaa" → aa a a</w> → aa aa</w> → aaaa</w>)', () => {
    const m = new BpeMerger([['a', 'a'], ['a', 'a</w>'], ['aa', 'aa</w>']]);
    expect(m.apply('aaaa')).toEqual(['aaaa</w>']);
    // Without the third merge it stops at two symbols.
    expect(new BpeMerger([['a', 'a'], ['a', 'a</w>']]).apply('aaaa')).toEqual(['aa', 'aa</w>']);
  });

  it('leaves unranked pairs alone, returns single characters with </w>, and passes unsplittable tokens through', () => {
    const m = new BpeMerger([['x', 'y']], ['<|endoftext|>']);
    expect(m.apply('zq')).toEqual(['z', 'q</w>']);
    expect(m.apply('q')).toEqual(['q</w>']);
    expect(m.apply('<|endoftext|>')).toEqual(['<|endoftext|>']);
    expect(m.apply('')).toEqual([]);
  });

  it('returns the same (cached) result on a second call', () => {
    const m = new BpeMerger([['a', 'b']]);
    expect(m.apply('ab')).toEqual(m.apply('ab'));
    expect(m.apply('abab')).toEqual(['ab', 'a', 'b</w>']);
  });
});
