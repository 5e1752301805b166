import { CliError } from '../../platform/cli-error.ts';

/** A problem that stops the client: its message is one line naming the fix; the CLI exits 1. */
export class DdbClientError extends CliError {}

export class MissingTableNameError extends DdbClientError {
  constructor() {
    super('no table name: set DYNAMODB_TABLE_NAME or pass --table <name>, or start the local cloud (npm start), which writes DYNAMODB_TABLE_NAME to .env');
  }
}

export class TableNotFoundError extends DdbClientError {
  constructor(ctx: ErrorContext, options?: ErrorOptions) {
    const where = ctx.endpoint ? `at ${ctx.endpoint}, region ${ctx.region}` : `in AWS region ${ctx.region}`;
    super(`table "${ctx.tableName}" not found ${where}: pass --create-table to create it, or run npm start, which creates ddb-client-users`, options);
  }
}

export class ThrottledError extends DdbClientError {
  constructor(what: string, readonly attempts: number, options?: ErrorOptions) {
    super(
      `throttled: ${what} after ${attempts} attempt(s) with exponential backoff and jitter: lower --rate / --concurrency, or give the table more capacity (on-demand billing)`,
      options,
    );
  }
}

/** The IAM actions the client uses (the reference's list, plus BatchWriteItem and DescribeTable it forgot). */
export const REQUIRED_ACTIONS = ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Scan', 'Query', 'BatchWriteItem', 'DescribeTable'] as const;

export class AccessDeniedError extends DdbClientError {
  constructor(tableName: string, options?: ErrorOptions) {
    super(
      `access denied: allow dynamodb:${REQUIRED_ACTIONS.join(', dynamodb:')} (and CreateTable for --create-table) on table/${tableName} and table/${tableName}/index/*`,
      options,
    );
  }
}

export class ConnectionError extends DdbClientError {
  constructor(endpoint: string, options?: ErrorOptions) {
    super(`cannot connect to DynamoDB at ${endpoint}: is npm start running? (or point --endpoint / AWS_ENDPOINT_URL_DYNAMODB at it)`, options);
  }
}

export class MissingCredentialsError extends DdbClientError {
  constructor(options?: ErrorOptions) {
    super('no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run from the folder where npm start wrote .env', options);
  }
}

export interface ErrorContext {
  readonly tableName: string;
  readonly region: string;
  /** The endpoint override, if any (else the region's AWS endpoint). */
  readonly endpoint?: string;
}

const THROTTLING = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'ETIMEDOUT']);

/** The fatal error an SDK failure means, or undefined when it only fails the one operation. */
export function fatalError(error: unknown, ctx: ErrorContext): DdbClientError | undefined {
  if (error instanceof DdbClientError) return error;
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'ResourceNotFoundException') return new TableNotFoundError(ctx, { cause: error });
  if (error.name === 'AccessDeniedException') return new AccessDeniedError(ctx.tableName, { cause: error });
  if (THROTTLING.has(error.name)) {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
    return new ThrottledError(error.name, attempts, { cause: error });
  }
  if (error.name === 'CredentialsProviderError') return new MissingCredentialsError({ cause: error });
  if (isConnectionFailure(error)) return new ConnectionError(ctx.endpoint ?? `the ${ctx.region} endpoint`, { cause: error });
  return undefined;
}

function isConnectionFailure(error: Error): boolean {
  const codes = [error, ...((error as Partial<AggregateError>).errors ?? [])].map((e) => (e as NodeJS.ErrnoException)?.code);
  return codes.some((code) => code !== undefined && CONNECTION_CODES.has(code));
}
