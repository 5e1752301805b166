import { describe, expect, it } from 'vitest';
import { md5OfBody, md5OfMessageAttributes } from './md5.ts';

describe('md5OfBody', () => {
  it('hashes the UTF-8 bytes of the body', () => {
    expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
  });
});

describe('md5OfMessageAttributes', () => {
  // Values returned by AWS SQS for these attributes (published in other emulators' regression tests).
  it.each([
    [{ timestamp: { DataType: 'Number', StringValue: '1493147359900' } }, '235c5c510d26fb653d073faed50ae77c'],
    [{ SellerName: { DataType: 'String', StringValue: 'Example Store' } }, 'cd28f3b68aeee4b2eac9c66f2f694b58'],
    [
      { ordinal: { DataType: 'Number', StringValue: '1' }, category: { DataType: 'String', StringValue: 'test' } },
      'd21ae90c49061e927f57df5f5d72be1f',
    ],
  ])('matches AWS for %j', (attributes, expected) => {
    expect(md5OfMessageAttributes(attributes)).toBe(expected);
  });

  it('does not depend on the order attributes were given in', () => {
    const a = { b: { DataType: 'String', StringValue: '2' }, a: { DataType: 'String', StringValue: '1' } };
    const b = { a: { DataType: 'String', StringValue: '1' }, b: { DataType: 'String', StringValue: '2' } };
    expect(md5OfMessageAttributes(a)).toBe(md5OfMessageAttributes(b));
  });

  it('encodes binary values with transport type 2 and their raw bytes', () => {
    const binary = md5OfMessageAttributes({ blob: { DataType: 'Binary', BinaryValue: Uint8Array.of(1, 2, 3) } });
    const asString = md5OfMessageAttributes({ blob: { DataType: 'String', StringValue: '\u0001\u0002\u0003' } });
    expect(binary).toMatch(/^[0-9a-f]{32}$/);
    expect(binary).not.toBe(asString);
  });

  it('is undefined without attributes', () => {
    expect(md5OfMessageAttributes(undefined)).toBeUndefined();
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});
