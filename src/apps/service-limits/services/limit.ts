import { LIMIT_REACHED } from '../errors.ts';

export interface LimitInput {
  /** The Account's `number_of_services` (may under-count). */
  readonly bestEffort: number;
  /** The `COUNT#SERVICES` item's `count_value` (may lag). */
  readonly eventual: number;
  readonly max: number;
}

/**
 * The reference's rule: a new service is allowed while the larger of the two counters is below the
 * limit. Each counter errs in a known direction, so their maximum is the safer estimate.
 */
export function limitDecision({ bestEffort, eventual, max }: LimitInput): { allowed: true } | { allowed: false; reason: string } {
  return Math.max(bestEffort, eventual) >= max ? { allowed: false, reason: LIMIT_REACHED } : { allowed: true };
}
