import { describe, expect, it } from 'vitest';
import { readJsonPath } from './json-path.ts';

const event = {
  'detail-type': 'OrderPlaced',
  resources: ['arn:a', 'arn:b'],
  detail: { a: { b: 42 }, 'key.with.dots': 'dotted', "it's": 'quoted', items: [{ sku: 'x' }, { sku: 'y' }], empty: null },
};

describe('readJsonPath', () => {
  it('returns the whole document for $', () => {
    expect(readJsonPath(event, '$')).toBe(event);
  });

  it.each([
    ['$.detail.a.b', 42],
    ['$.detail-type', 'OrderPlaced'],
    ['$.resources[1]', 'arn:b'],
    ['$.detail.items[0].sku', 'x'],
    ["$['detail']['key.with.dots']", 'dotted'],
    [`$.detail["it's"]`, 'quoted'],
    ['$.detail.empty', null],
  ])('reads %s', (path, expected) => {
    const value = readJsonPath(event, path);

    expect(value).toEqual(expected);
  });

  it('returns the object at a path, not a copy', () => {
    expect(readJsonPath(event, '$.detail.a')).toBe(event.detail.a);
  });

  it.each(['$.detail.missing', '$.detail.a.b.c', '$.resources[5]', '$.detail.empty.x', '$.missing.deeper', '$.detail.constructor'])('returns undefined for missing path %s', (path) => {
    expect(readJsonPath(event, path)).toBeUndefined();
  });

  it.each([
    ['detail.a', /must start with "\$"/],
    ['$..a', /Unsupported JSONPath near "\.\.a"/],
    ['$.detail[*]', /Unsupported JSONPath near "\[\*\]"/],
    ['$.resources[-1]', /Unsupported JSONPath/],
    ['$detail', /Unsupported JSONPath near "detail"/],
  ])('throws on unsupported syntax %s', (path, message) => {
    expect(() => readJsonPath(event, path)).toThrow(message);
  });
});
