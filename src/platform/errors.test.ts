import { describe, expect, it } from 'vitest';
import { ConflictError, describeError, DomainError, InvalidArgumentsError, isExpected, isTransient, NotFoundError, UnrecognizedError, VersionConflictError } from './errors.ts';

describe('error classification', () => {
  it.each([
    ['a plain DomainError', new DomainError('x'), { transient: false, expected: false }],
    ['an expected DomainError', new DomainError('x', { expected: true }), { transient: false, expected: true }],
    ['a transient error that claims to be expected', new DomainError('x', { transient: true, expected: true }), { transient: true, expected: false }],
    ['InvalidArgumentsError', new InvalidArgumentsError('x'), { transient: false, expected: false }],
    ['NotFoundError', new NotFoundError('x'), { transient: false, expected: false }],
    ['ConflictError', new ConflictError('x'), { transient: false, expected: false }],
    ['VersionConflictError', new VersionConflictError('x', 3), { transient: true, expected: false }],
    ['UnrecognizedError', new UnrecognizedError('x'), { transient: true, expected: false }],
    ['anything else', new Error('x'), { transient: true, expected: false }],
  ])('%s', (_, error, classified) => {
    expect({ transient: isTransient(error), expected: isExpected(error) }).toEqual(classified);
  });

  it('keeps the name of each class for the logs', () => {
    expect([new NotFoundError('x'), new ConflictError('x'), new VersionConflictError('x', 2)].map((e) => e.name)).toEqual(['NotFoundError', 'ConflictError', 'VersionConflictError']);
    expect(new VersionConflictError('x', 2, { context: { id: 'a' } }).context).toEqual({ attempts: 2, id: 'a' });
  });

  it('describes a DomainError by its context and anything else by its stack', () => {
    expect(describeError(new NotFoundError('gone', { context: { id: 'a' } }))).toEqual({ name: 'NotFoundError', message: 'gone', context: { id: 'a' } });
    expect(describeError(new Error('boom', { cause: 'disk' }))).toMatchObject({ name: 'Error', message: 'boom', stack: expect.stringContaining('boom'), cause: 'disk' });
    expect(describeError('text')).toEqual({ message: 'text' });
  });
});
