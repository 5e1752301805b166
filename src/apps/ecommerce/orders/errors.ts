import { DomainError, VersionConflictError } from '../../../platform/errors.ts';
import type { IgnoreReason, OrderStatus } from './status.ts';

/** An event for an order that does not exist (nothing waits for the order: permanent). */
export class OrderNotFoundError extends DomainError {
  override readonly name = 'OrderNotFoundError';
  constructor(orderId: string, eventName: string) {
    super(`${eventName} ignored: order ${orderId} does not exist`, { context: { orderId, eventName } });
  }
}

/**
 * The transition table says the event does not apply to the order's status (permanent, status
 * unchanged). A stale or redundant event is how at-least-once delivery looks (every order sees its
 * own ORDER_CREATED_EVENT come back), so it is `expected`; a forbidden one is not.
 */
export class IgnoredOrderEventError extends DomainError {
  override readonly name: string = 'IgnoredOrderEventError';
  readonly reason: IgnoreReason;
  constructor(reason: IgnoreReason, context: { orderId: string; eventName: string; orderStatus: OrderStatus }) {
    super(`${context.eventName} ignored for order ${context.orderId}: ${reason} in ${context.orderStatus}`, { expected: reason !== 'forbidden', context: { ...context, reason } });
    this.reason = reason;
  }
}

export class StaleOrderStatusTransitionError extends IgnoredOrderEventError {
  override readonly name = 'StaleOrderStatusTransitionError';
}
export class RedundantOrderStatusTransitionError extends IgnoredOrderEventError {
  override readonly name = 'RedundantOrderStatusTransitionError';
}
export class ForbiddenOrderStatusTransitionError extends IgnoredOrderEventError {
  override readonly name = 'ForbiddenOrderStatusTransitionError';
}

export function ignoredOrderEventError(reason: IgnoreReason, context: ConstructorParameters<typeof IgnoredOrderEventError>[1]): IgnoredOrderEventError {
  const ErrorClass = { stale: StaleOrderStatusTransitionError, redundant: RedundantOrderStatusTransitionError, forbidden: ForbiddenOrderStatusTransitionError }[reason];
  return new ErrorClass(reason, context);
}

/** The event was already raised (its deterministic key exists): the work is done, permanent and expected (a redelivery). */
export class DuplicateOrderEventError extends DomainError {
  override readonly name = 'DuplicateOrderEventError';
  constructor(orderId: string, eventName: string) {
    super(`${eventName} for order ${orderId} was already raised`, { expected: true, context: { orderId, eventName } });
  }
}

/** The order's status kept changing under the guarded update: transient, SQS redelivers later. */
export class OrderStatusConflictError extends VersionConflictError {
  override readonly name = 'OrderStatusConflictError';
  constructor(orderId: string, eventName: string, attempts: number) {
    super(`${eventName} for order ${orderId}: the status changed concurrently ${attempts} times, retrying later`, attempts, { context: { orderId, eventName } });
  }
}

/** A stored order item that cannot be an order (e.g. an unknown status written by hand): permanent. */
export class InvalidOrderItemError extends DomainError {
  override readonly name = 'InvalidOrderItemError';
  constructor(orderId: string, orderStatus: unknown) {
    super(`order ${orderId} has an unknown orderStatus ${JSON.stringify(orderStatus)}`, { context: { orderId, orderStatus } });
  }
}
