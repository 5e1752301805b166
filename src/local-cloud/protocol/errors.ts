/**
 * An error an emulated service answers with. `code` is the exception name the AWS SDK maps to
 * its class (e.g. `QueueDoesNotExist`, `ResourceNotFoundException`).
 */
export class AwsServiceError extends Error {
  override readonly name = 'AwsServiceError';
  readonly code: string;
  readonly statusCode: number;
  /** For query-compatible JSON services (SQS): the legacy error code sent in `x-amzn-query-error`. */
  readonly queryErrorCode: string | undefined;
  readonly fault: 'Sender' | 'Receiver';

  constructor(
    code: string,
    message: string,
    options: { statusCode?: number; queryErrorCode?: string; fault?: 'Sender' | 'Receiver'; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.statusCode = options.statusCode ?? 400;
    this.queryErrorCode = options.queryErrorCode;
    this.fault = options.fault ?? (this.statusCode >= 500 ? 'Receiver' : 'Sender');
  }
}

/** Shorthand for the generic validation failure every JSON service shares. */
export function validationError(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/** An operation the local cloud does not implement answers 501, never a silent no-op. */
export function notImplemented(service: string, operation: string): AwsServiceError {
  return new AwsServiceError('NotImplemented', `${service}.${operation} is not implemented by the eventloom local cloud.`, {
    statusCode: 501,
  });
}

/**
 * A request value as an error message shows it: JSON, cut to `max` characters. An error echoing a
 * 1 MB value whole would make every answer (and log line) about it 1 MB.
 */
export function quoteValue(value: unknown, max = 100): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
