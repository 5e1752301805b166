import { DomainError } from '../../../platform/errors.ts';

/**
 * The gateway could not settle the payment (it was "shaky", or answered something unknown).
 * Transient: the worker throws it so SQS redelivers the message and the payment is retried.
 */
export class PaymentFailedError extends DomainError {
  override readonly name = 'PaymentFailedError';
  constructor(message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { ...options, transient: true });
  }
}

/** A PAYMENT_GATEWAY_* variable holds a value the gateway cannot run with (permanent: fix the deployment). */
export class PaymentGatewayConfigError extends DomainError {
  override readonly name = 'PaymentGatewayConfigError';
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is invalid: expected ${expected}`, { context: { variable, value } });
  }
}
