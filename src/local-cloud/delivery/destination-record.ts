import { randomUUID } from 'node:crypto';

/** What a function's EventInvokeConfig and DeadLetterConfig say about its asynchronous invocations. */
export interface AsyncInvokeConfig {
  /** Lambda's retries after a function error, 0–2 (AWS default 2). */
  readonly maximumRetryAttempts?: number;
  /** An event older than this (60–21,600 s, AWS default 21,600) is not invoked again: it goes to OnFailure (EventAgeExceeded). */
  readonly maximumEventAgeSeconds?: number;
  /** SQS queue, Lambda function or event bus ARN receiving the destination record of each success. */
  readonly onSuccessArn?: string;
  /** SQS queue, Lambda function or event bus ARN receiving the destination record once the event is given up. */
  readonly onFailureArn?: string;
  /** The function's DeadLetterConfig (SQS): the original event, when there is no OnFailure destination. */
  readonly deadLetterArn?: string;
}

/** AWS's defaults for asynchronous invocations. */
export const DEFAULT_ASYNC_RETRY_ATTEMPTS = 2;
export const DEFAULT_ASYNC_EVENT_AGE_SECONDS = 21_600;

export type DestinationCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

export interface AsyncInvocationResult {
  /** The unqualified function ARN. */
  readonly functionArn: string;
  readonly requestId?: string;
  readonly requestPayload: unknown;
  readonly condition: DestinationCondition;
  /** Invocations made, the first one included (0 when the event aged out before any). */
  readonly invokeCount: number;
  /** The function's result, or its error payload (`errorType`, `errorMessage`, `trace`); absent if it never ran. */
  readonly response?: { readonly payload: unknown } | { readonly error: unknown };
  readonly now: number;
}

/** AWS's destination record of an asynchronous invocation (the body sent to OnSuccess / OnFailure). */
export function destinationRecord(result: AsyncInvocationResult) {
  const response = result.response;
  return {
    version: '1.0',
    timestamp: new Date(result.now).toISOString(),
    requestContext: {
      requestId: result.requestId ?? randomUUID(),
      functionArn: `${result.functionArn}:$LATEST`,
      condition: result.condition,
      approximateInvokeCount: result.invokeCount,
    },
    requestPayload: result.requestPayload,
    ...(response && {
      responseContext: { statusCode: 200, executedVersion: '$LATEST', ...('error' in response && { functionError: 'Unhandled' }) },
      responsePayload: 'error' in response ? response.error : response.payload,
    }),
  };
}

export interface FailedAsyncInvocation {
  readonly functionArn: string;
  readonly requestPayload: unknown;
  readonly error: unknown;
  readonly invokeCount: number;
  readonly now: number;
}

/** The on-failure record of an invocation whose retries were exhausted. */
export function asyncFailureRecord(failure: FailedAsyncInvocation) {
  return destinationRecord({ ...failure, condition: 'RetriesExhausted', response: { error: failure.error } });
}

/** The event a destination that is an event bus receives (source `lambda`). */
export function destinationEvent(busArn: string, record: ReturnType<typeof destinationRecord>) {
  const outcome = record.requestContext.condition === 'Success' ? 'Success' : 'Failure';
  return {
    EventBusName: busArn,
    Source: 'lambda',
    DetailType: `Lambda Function Invocation Result - ${outcome}`,
    Detail: JSON.stringify(record),
    Resources: [busArn, record.requestContext.functionArn],
  };
}
