import { describe, expect, it } from 'vitest';
import { MAX_BATCH_SIZE, parseDdbClientArgs, type DdbClientConfig } from './config.ts';
import { DdbClientError, MissingTableNameError } from './errors.ts';
import { OPERATION_NAMES } from './operation.ts';

function parse(argv: string[], env: Record<string, string> = {}): DdbClientConfig {
  const parsed = parseDdbClientArgs(argv, env);
  if (parsed.help) throw new Error('unexpected help');
  return parsed.config;
}

describe('parseDdbClientArgs', () => {
  it("takes the reference's environment variables, with its defaults", () => {
    expect(parse([], { DYNAMODB_TABLE_NAME: 'users-table' })).toEqual({
      tableName: 'users-table',
      region: 'us-east-1',
      mode: 'demo',
      intervalMs: 3000,
      rate: 10,
      durationSeconds: 10,
      concurrency: 16,
      operations: OPERATION_NAMES,
      batchSize: 3,
      reportEvery: 10,
      createTable: false,
      json: false,
    });
    expect(
      parse([], { DYNAMODB_TABLE_NAME: 'tbl', AWS_DEFAULT_REGION: 'eu-west-1', OPERATION_INTERVAL_MS: '500', MAX_OPERATIONS: '100', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567' }),
    ).toMatchObject({ region: 'eu-west-1', intervalMs: 500, maxOperations: 100, endpoint: 'http://127.0.0.1:4567' });
  });

  it('prefers AWS_REGION over AWS_DEFAULT_REGION and treats MAX_OPERATIONS=0 as unlimited', () => {
    const config = parse([], { DYNAMODB_TABLE_NAME: 'tbl', AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'eu-west-1', MAX_OPERATIONS: '0' });

    expect(config.region).toBe('eu-central-1');
    expect(config.maxOperations).toBeUndefined();
  });

  it('lets flags override the environment', () => {
    const env = { DYNAMODB_TABLE_NAME: 'env-table', OPERATION_INTERVAL_MS: '500', MAX_OPERATIONS: '100', AWS_ENDPOINT_URL_DYNAMODB: 'http://env' };
    const argv = ['--table', 'flag-table', '--interval-ms', '0', '--max-operations', '5', '--endpoint', 'http://flag', '--seed', '7', '--json', '--create-table'];

    expect(parse(argv, env)).toMatchObject({ tableName: 'flag-table', intervalMs: 0, maxOperations: 5, endpoint: 'http://flag', seed: 7, json: true, createTable: true });
  });

  it('reads the load options, reporting about once a second by default', () => {
    const config = parse(['--mode', 'load', '--rate', '100', '--duration', '2.5', '--concurrency', '4', '--operations', 'put, query,put'], { DYNAMODB_TABLE_NAME: 'tbl' });

    expect(config).toMatchObject({ mode: 'load', rate: 100, durationSeconds: 2.5, concurrency: 4, operations: ['put', 'query'], reportEvery: 100 });
  });

  it('asks for a table name, naming the ways to give one', () => {
    expect(() => parse([], {})).toThrow(MissingTableNameError);
    expect(() => parse([], { DYNAMODB_TABLE_NAME: '' })).toThrow(/set DYNAMODB_TABLE_NAME or pass --table.*npm start/);
  });

  it('rejects malformed values with the name of the setting', () => {
    const env = { DYNAMODB_TABLE_NAME: 'tbl' };

    expect(() => parse([], { ...env, OPERATION_INTERVAL_MS: 'soon' })).toThrow('OPERATION_INTERVAL_MS must be an integer ≥ 0, got "soon"');
    expect(() => parse(['--mode', 'stress'], env)).toThrow('--mode must be demo or load, got "stress"');
    expect(() => parse(['--concurrency', '0'], env)).toThrow(DdbClientError);
    expect(() => parse(['--rate=0'], env)).toThrow('--rate must be a number');
    expect(() => parse(['--operations', 'put,scan2'], env)).toThrow('unknown: scan2');
  });

  it('answers --help without needing a table', () => {
    expect(parseDdbClientArgs(['--help'], {})).toEqual({ help: true });
  });
});

describe('parseDdbClientArgs bounds (issue 15, F4)', () => {
  const env = { DYNAMODB_TABLE_NAME: 'users' };

  it('refuses a table name DynamoDB would refuse, naming the setting', () => {
    expect(() => parse([], { DYNAMODB_TABLE_NAME: 'u'.repeat(256) })).toThrow(/--table \(DYNAMODB_TABLE_NAME\) must be 3–255 characters/);
    expect(() => parse(['--table', 'bad\u0000name'], env)).toThrow(/--table/);
  });

  it('refuses numbers past what the client can hold exactly or build', () => {
    expect(() => parse(['--concurrency', '1e300'], env)).toThrow(`--concurrency must be at most ${Number.MAX_SAFE_INTEGER}, got "1e300"`);
    expect(() => parse(['--batch-size', String(MAX_BATCH_SIZE + 1)], env)).toThrow(`--batch-size must be at most ${MAX_BATCH_SIZE}`);
    expect(() => parse(['--rate', '1e200'], env)).toThrow('--rate must be at most');
  });
});
