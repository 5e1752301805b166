import { describe, expect, it } from 'vitest';
import { findOperation, ownOperation } from './operations.ts';

const table: Record<string, () => string> = { SendMessage: () => 'sent' };

describe('operation lookup', () => {
  it('finds own operations only, never Object.prototype members', () => {
    expect(ownOperation(table, 'SendMessage')?.()).toBe('sent');
    for (const name of ['constructor', 'valueOf', 'toString', '__proto__', 'hasOwnProperty']) expect(ownOperation(table, name)).toBeUndefined();
  });

  it('answers UnknownOperationException (400) for a name that is no operation, NotImplemented (501) for one not served', () => {
    expect(() => findOperation(table, 'SQS', 'constructor')).toThrow(expect.objectContaining({ code: 'UnknownOperationException', statusCode: 400 }));
    expect(() => findOperation(table, 'SQS', '')).toThrow(expect.objectContaining({ code: 'UnknownOperationException' }));
    expect(() => findOperation(table, 'SQS', 'AddPermission')).toThrow(expect.objectContaining({ code: 'NotImplemented', statusCode: 501 }));
  });
});
