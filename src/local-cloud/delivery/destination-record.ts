import { randomUUID } from 'node:crypto';

/** What a function's EventInvokeConfig says about its asynchronous invocations. */
export interface AsyncInvokeConfig {
  /** Lambda's retries after a function error, 0–2 (AWS default 2). */
  readonly maximumRetryAttempts?: number;
  /** ARN of the SQS queue receiving the destination record once the retries are exhausted. */
  readonly onFailureArn?: string;
}

export interface FailedAsyncInvocation {
  /** The unqualified function ARN. */
  readonly functionArn: string;
  readonly requestPayload: unknown;
  /** The function's error payload (`errorType`, `errorMessage`, `trace`). */
  readonly error: unknown;
  /** Invocations made, the first one included. */
  readonly invokeCount: number;
  readonly now: number;
}

/** AWS's on-failure destination record for an asynchronous invocation whose retries were exhausted. */
export function asyncFailureRecord(failure: FailedAsyncInvocation) {
  return {
    version: '1.0',
    timestamp: new Date(failure.now).toISOString(),
    requestContext: {
      requestId: randomUUID(),
      functionArn: `${failure.functionArn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: failure.invokeCount,
    },
    requestPayload: failure.requestPayload,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: failure.error,
  };
}
