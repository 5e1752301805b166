import type { Context } from 'aws-lambda';
import type { WorkerSetup } from './types.ts';

/** Settles an invocation; the first call wins, later ones are ignored as on AWS. */
export type Settle = (error: unknown, result?: unknown) => void;

/** The Lambda `context` object handed to the handler for one invocation. */
export function createContext(setup: WorkerSetup, requestId: string, deadlineMs: number, settle: Settle): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: setup.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: setup.functionArn,
    memoryLimitInMB: String(setup.memoryMb),
    awsRequestId: requestId,
    logGroupName: setup.logGroupName,
    logStreamName: setup.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    done: (error?: Error, result?: unknown) => settle(error ?? null, result),
    fail: (error: Error | string) => settle(error),
    succeed: (result: unknown) => settle(null, result),
  };
}
