import { describe, expect, it } from 'vitest';
import { exceedsDepth } from './json-depth.ts';

describe('exceedsDepth', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(exceedsDepth('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(exceedsDepth('{"a":[1,{"b":2}]}', 2)).toBe(true);
    expect(exceedsDepth('{"a":"[[[[[\\"[[[["}', 1)).toBe(false);
    expect(exceedsDepth('"just a string"', 0)).toBe(false);
  });

  it('measures documents far deeper than the stack could recurse into, in one pass', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(exceedsDepth(deep, 1_000)).toBe(true);
    expect(exceedsDepth(deep, 1_000_000)).toBe(false);
  });
});
