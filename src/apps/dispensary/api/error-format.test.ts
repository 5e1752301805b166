import { describe, expect, it } from 'vitest';
import { InvalidArgumentsError } from '../../../platform/errors.ts';
import { defaultErrorFormat, errorResult } from '../../../platform/http.ts';
import { CommandRefusedError, DispenseAlreadyStartedError, DispenseNotFoundError } from '../dispense/errors.ts';
import { ConcurrencyConflictError } from '../event-log/errors.ts';
import { dispensaryErrors } from './error-format.ts';

const ID = '01JD0000000000000000000000';
const respond = (error: unknown) => {
  const { statusCode, body } = errorResult(error, { ...defaultErrorFormat, ...dispensaryErrors }, () => undefined);
  return { statusCode, body: JSON.parse(body!) };
};

describe('dispensary API error responses (decision 5)', () => {
  it.each([
    [new InvalidArgumentsError('invalid body', [{ path: 'name', message: 'must not be empty' }]), 400, { message: 'Bad Request', errors: [{ path: 'name', message: 'must not be empty' }] }],
    [new DispenseNotFoundError(ID), 404, { message: `Dispense ${ID} not found` }],
    [new CommandRefusedError('AddDrugs', 'complete'), 409, { message: 'AddDrugs refused: the dispense is complete', command: 'AddDrugs', status: 'complete' }],
    [new ConcurrencyConflictError(ID, 5), 409, { message: `Dispense ${ID} was changed concurrently 5 times; try again` }],
    [new DispenseAlreadyStartedError(ID), 409, { message: `Dispense ${ID} already exists` }],
    [new Error('boom'), 500, { message: 'Internal Server Error' }],
  ])('%s → %i', (error, statusCode, body) => {
    expect(respond(error)).toEqual({ statusCode, body });
  });
});
