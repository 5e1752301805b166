import { describe, expect, it } from 'vitest';
import { wireInputReader } from './wire-input.ts';

class WrongType extends Error {}
class Missing extends Error {}
const errors = {
  wrongType: (path: string, expected: string) => new WrongType(`${path}: expected ${expected}`),
  missing: (path: string) => new Missing(path),
};

describe('wireInputReader', () => {
  const read = wireInputReader(errors);

  it('reads members in their model types; absent and null are undefined', () => {
    const input = { Name: 'a', Count: 3, On: true, Tags: ['x'], Map: { k: 'v' }, Entries: [{ Id: '1' }], Nothing: null };
    expect(read.requiredString(input, 'Name')).toBe('a');
    expect(read.optionalInteger(input, 'Count')).toBe(3);
    expect(read.optionalBoolean(input, 'On')).toBe(true);
    expect(read.optionalStringList(input, 'Tags')).toEqual(['x']);
    expect(read.optionalStringMap(input, 'Map')).toEqual({ k: 'v' });
    expect(read.objectList(input, 'Entries')).toEqual([{ Id: '1' }]);
    expect(read.optionalString(input, 'Nothing')).toBeUndefined();
    expect(read.objectList(input, 'Absent')).toEqual([]);
  });

  it('names the member, with its index or key, when the wire type is wrong', () => {
    expect(() => read.optionalString({ Name: 1 }, 'Name')).toThrow(new WrongType('Name: expected a string'));
    expect(() => read.optionalStringList({ Tags: ['a', 2] }, 'Tags')).toThrow(new WrongType('Tags[1]: expected a string'));
    expect(() => read.optionalStringMap({ Map: { k: 1 } }, 'Map')).toThrow(new WrongType('Map.k: expected a string'));
    expect(() => read.objectList({ Entries: [[]] }, 'Entries', 'Batch')).toThrow(new WrongType('Batch[0]: expected a structure'));
    expect(() => read.optionalObject({ Input: [] }, 'Input')).toThrow(WrongType);
    expect(() => read.optionalInteger({ Count: 1.5 }, 'Count')).toThrow(WrongType);
    expect(() => read.optionalInteger({ Count: 2 ** 60 }, 'Count')).toThrow(WrongType);
  });

  it('refuses a missing or empty required string unless empty strings are allowed', () => {
    expect(() => read.requiredString({}, 'Name')).toThrow(Missing);
    expect(() => read.requiredString({ Name: '' }, 'Name')).toThrow(Missing);
    expect(wireInputReader(errors, { emptyStringIsMissing: false }).requiredString({ Name: '' }, 'Name')).toBe('');
  });

  it('reads integers sent as strings only for awsQuery services', () => {
    expect(() => read.optionalInteger({ Count: '12' }, 'Count')).toThrow(WrongType);
    const query = wireInputReader(errors, { integersFromStrings: true });
    expect(query.optionalInteger({ Count: '12' }, 'Count')).toBe(12);
    expect(() => query.optionalInteger({ Count: '1e3' }, 'Count')).toThrow(WrongType);
  });

  it('never reads inherited properties as members', () => {
    expect(read.optionalObject({}, 'constructor')).toBeUndefined();
  });
});
