import { AwsServiceError } from '../../protocol/errors.ts';

export function functionNotFound(functionArn: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', `Function not found: ${functionArn}`, { statusCode: 404 });
}

/** What AWS answers when a function's reserved concurrency is exhausted. */
export function tooManyRequests(): AwsServiceError {
  return new AwsServiceError('TooManyRequestsException', 'Rate Exceeded.', { statusCode: 429 });
}

export function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterValueException', message);
}

export function invalidRequestContent(message: string, cause?: unknown): AwsServiceError {
  return new AwsServiceError('InvalidRequestContentException', message, { cause });
}

/** Raised to callers still waiting for a slot when the runner closes. */
export class RunnerClosedError extends Error {
  override readonly name = 'RunnerClosedError';
  constructor() {
    super('The function runner is closed');
  }
}
