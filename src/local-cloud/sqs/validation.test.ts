import { describe, expect, it } from 'vitest';
import type { SqsError } from './errors.ts';
import type { MessageAttributes } from './md5.ts';
import { messageSize, validateBatchEntries, validateBody, validateMessageAttributes, validateQueueName } from './validation.ts';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return (error as SqsError).code;
  }
}

describe('message validation', () => {
  it('accepts XML-safe bodies and rejects control characters', () => {
    expect(codeOf(() => validateBody('{"ok":true}\n\t✓ 🚀'))).toBeUndefined();
    expect(codeOf(() => validateBody('bad \u0000'))).toBe('InvalidMessageContents');
    expect(codeOf(() => validateBody('lone \ud800'))).toBe('InvalidMessageContents');
    expect(codeOf(() => validateBody(''))).toBe('MissingParameter');
  });

  it('checks attribute names, types and values', () => {
    const valid: MessageAttributes = {
      'trace.id': { DataType: 'String', StringValue: 'abc' },
      count: { DataType: 'Number.int', StringValue: '-1.5e3' },
      blob: { DataType: 'Binary', BinaryValue: Uint8Array.of(1) },
    };
    expect(codeOf(() => validateMessageAttributes(valid))).toBeUndefined();
    for (const invalid of [
      { 'AWS.reserved': { DataType: 'String', StringValue: 'x' } },
      { 'a..b': { DataType: 'String', StringValue: 'x' } },
      { a: { DataType: 'Text', StringValue: 'x' } },
      { a: { DataType: 'String', StringValue: '' } },
      { a: { DataType: 'Number', StringValue: 'ten' } },
      { a: { DataType: 'Binary' } },
    ] as MessageAttributes[]) {
      expect(codeOf(() => validateMessageAttributes(invalid))).toBe('InvalidParameterValue');
    }
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'x' }]));
    expect(codeOf(() => validateMessageAttributes(eleven))).toBe('InvalidParameterValue');
  });

  it('counts body and attribute name, type and value bytes towards the size', () => {
    expect(messageSize('é', { ab: { DataType: 'String', StringValue: 'xyz' }, c: { DataType: 'Binary', BinaryValue: Uint8Array.of(1, 2) } })).toBe(2 + 2 + 6 + 3 + 1 + 6 + 2);
  });

  it('accepts standard queue names only', () => {
    expect(codeOf(() => validateQueueName('orders-dlq_1'))).toBeUndefined();
    expect(codeOf(() => validateQueueName('a'.repeat(81)))).toBe('InvalidParameterValue');
    expect(codeOf(() => validateQueueName('has space'))).toBe('InvalidParameterValue');
    expect(codeOf(() => validateQueueName('orders.fifo'))).toBe('UnsupportedOperation');
  });
});

describe('batch entries', () => {
  it.each([
    [[], 'EmptyBatchRequest'],
    [Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}` })), 'TooManyEntriesInBatchRequest'],
    [[{ Id: 'a' }, { Id: 'a' }], 'BatchEntryIdsNotDistinct'],
    [[{ Id: 'not valid!' }], 'InvalidBatchEntryId'],
    [[{ Id: 'x'.repeat(81) }], 'InvalidBatchEntryId'],
  ])('rejects %j with %s', (entries, code) => {
    expect(codeOf(() => validateBatchEntries(entries, 'Entry'))).toBe(code);
  });

  it('accepts up to ten distinct ids', () => {
    expect(codeOf(() => validateBatchEntries(Array.from({ length: 10 }, (_, i) => ({ Id: `e-${i}_x` })), 'Entry'))).toBeUndefined();
  });
});
