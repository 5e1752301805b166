import { describe, expect, it } from 'vitest';
import { AccessDeniedError, ConnectionError, fatalError, MissingCredentialsError, TableNotFoundError, ThrottledError } from './errors.ts';

const ctx = { tableName: 'users', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4567' };
const awsError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} message`), { name, ...extra });

describe('fatalError', () => {
  it('maps the stopping failures to one-line errors naming the fix', () => {
    expect(fatalError(awsError('ResourceNotFoundException'), ctx)).toBeInstanceOf(TableNotFoundError);
    const denied = fatalError(awsError('AccessDeniedException'), ctx)!;
    expect(denied).toBeInstanceOf(AccessDeniedError);
    expect(denied.message).toContain('dynamodb:PutItem, dynamodb:GetItem, dynamodb:UpdateItem, dynamodb:DeleteItem, dynamodb:Scan, dynamodb:Query, dynamodb:BatchWriteItem');
    expect(denied.message).toContain('table/users and table/users/index/*');
    const throttled = fatalError(awsError('ProvisionedThroughputExceededException', { $metadata: { attempts: 5 } }), ctx)!;
    expect(throttled).toBeInstanceOf(ThrottledError);
    expect(throttled.message).toMatch(/after 5 attempt\(s\) with exponential backoff and jitter: lower --rate/);
    expect(fatalError(awsError('CredentialsProviderError'), ctx)).toBeInstanceOf(MissingCredentialsError);
    expect(fatalError(Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {}), ctx)).toBeInstanceOf(ConnectionError);
    for (const error of [denied, throttled]) expect(error.message).not.toContain('\n');
  });

  it('leaves the failures of one operation alone', () => {
    expect(fatalError(awsError('ValidationException'), ctx)).toBeUndefined();
    expect(fatalError(awsError('ConditionalCheckFailedException'), ctx)).toBeUndefined();
    expect(fatalError('not an error', ctx)).toBeUndefined();
  });
});
