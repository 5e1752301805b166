import { describe, expect, it } from 'vitest';
import { compileEventPattern, matchesEventPattern } from './compile.ts';
import { pathSteps } from './runtime.ts';

describe('event structure', () => {
  it('matches when any element of an event array matches', () => {
    expect(matchesEventPattern({ resources: ['b'] }, { resources: ['a', 'b'] })).toBe(true);
  });

  it('matches fields of objects inside arrays', () => {
    expect(matchesEventPattern({ items: { id: ['x'] } }, { items: [{ id: 'y' }, { id: 'x' }] })).toBe(true);
  });

  it('requires fields sharing an array to come from the same element', () => {
    const pattern = { items: { sku: ['a'], qty: [2] } };

    expect(matchesEventPattern(pattern, { items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] })).toBe(false);
    expect(matchesEventPattern(pattern, { items: [{ sku: 'b', qty: 2 }, { sku: 'a', qty: 2 }] })).toBe(true);
  });

  it('treats dots and nesting alike on both sides', () => {
    expect(matchesEventPattern({ 'a.b': ['x'] }, { a: { b: 'x' } })).toBe(true);
    expect(matchesEventPattern({ a: { b: ['x'] } }, { 'a.b': 'x' })).toBe(true);
    expect(matchesEventPattern({ a: { b: ['x'] } }, { a: { b: { c: 'x' } } })).toBe(false);
  });

  it('does not parse JSON strings in the event', () => {
    expect(matchesEventPattern({ detail: { k: ['v'] } }, { detail: '{"k":"v"}' })).toBe(false);
  });

  it('ignores inherited properties', () => {
    expect(matchesEventPattern({ constructor: [{ exists: true }] }, {})).toBe(false);
  });

  it('precomputes every key split of a dotted path', () => {
    expect(pathSteps('a.b')).toEqual([
      [{ key: 'a', next: 1 }, { key: 'a.b', next: -1 }],
      [{ key: 'b', next: -1 }],
    ]);
  });
});

describe('$or', () => {
  const matcher = compileEventPattern({
    source: ['shop'],
    detail: { $or: [{ total: [{ numeric: ['>', 100] }] }, { vip: [true] }] },
  });

  it.each([
    [{ source: 'shop', detail: { total: 150 } }, true],
    [{ source: 'shop', detail: { total: 50, vip: true } }, true],
    [{ source: 'shop', detail: { total: 50 } }, false],
    [{ source: 'bank', detail: { vip: true } }, false],
  ])('%j → %s', (event, expected) => {
    expect(matcher(event)).toBe(expected);
  });

  it.each([
    [{ $or: {} }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['x'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: [{ a: ['x'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
    [{ $or: [{ a: ['x'] }, { prefix: ['b'] }] }, 'prefix is Ruler reserved fieldName which cannot be used inside $or.'],
  ])('%j is refused', (pattern, reason) => {
    expect(() => compileEventPattern(pattern)).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });
});
