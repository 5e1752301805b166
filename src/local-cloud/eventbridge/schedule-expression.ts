import { CronSyntaxError, nextCronTime, parseCron, type CronSchedule } from './schedule-cron.ts';
import { fromWall } from './schedule-zone.ts';

/**
 * A parsed `rate(…)`, `cron(…)` or `at(…)` expression, shared by scheduled EventBridge rules
 * (rate and cron, UTC) and EventBridge Scheduler (all three, in a time zone).
 */
export type ScheduleExpression =
  | { readonly kind: 'rate'; readonly text: string; readonly periodMs: number }
  | { readonly kind: 'cron'; readonly text: string; readonly cron: CronSchedule }
  /** `wall`: the local date and time, as UTC milliseconds (see schedule-zone.ts). */
  | { readonly kind: 'at'; readonly text: string; readonly wall: number };

export class ScheduleExpressionError extends Error {
  override readonly name = 'ScheduleExpressionError';
}

export interface ParseScheduleOptions {
  /** Accept `at(yyyy-mm-ddThh:mm:ss)` (EventBridge Scheduler only). Default false. */
  allowAt?: boolean;
  /**
   * EventBridge rules require `minute` for 1 and `minutes` above (`rate(1 minutes)` is refused).
   * Default false: Scheduler's documentation does not say it refuses them, so it is not refused here.
   */
  strictUnits?: boolean;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Parses an expression; throws ScheduleExpressionError saying why it is not valid. */
export function parseScheduleExpression(text: string, options: ParseScheduleOptions = {}): ScheduleExpression {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(text);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    if (value < 1) throw new ScheduleExpressionError('the rate must be a positive whole number');
    if (options.strictUnits && (value === 1) !== !unit.endsWith('s')) throw new ScheduleExpressionError('the unit is singular for 1 and plural above');
    return { kind: 'rate', text, periodMs: value * UNIT_MS[unit.replace(/s$/, '')]! };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) {
    try {
      return { kind: 'cron', text, cron: parseCron(cron[1]!) };
    } catch (error) {
      if (error instanceof CronSyntaxError) throw new ScheduleExpressionError(error.message, { cause: error });
      throw error;
    }
  }
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(text);
  if (at && options.allowAt) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    const date = new Date(wall);
    // Date.UTC rolls 2030-02-30 over into March: a date that does not round-trip does not exist.
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
      throw new ScheduleExpressionError(`${text} is not a valid date and time`);
    }
    return { kind: 'at', text, wall };
  }
  throw new ScheduleExpressionError(`${text} is not rate(…) or cron(…)${options.allowAt ? ' or at(…)' : ''}`);
}

/**
 * When the schedule next fires strictly after `after` (epoch ms); undefined if never again.
 * A rate counts its periods from `anchor` (when the rule or schedule started); cron and `at` read
 * their fields in `zone` (default UTC).
 */
export function nextFireTime(expression: ScheduleExpression, after: number, options: { anchor?: number; zone?: string } = {}): number | undefined {
  const zone = options.zone ?? 'UTC';
  switch (expression.kind) {
    case 'rate': {
      const anchor = options.anchor ?? after;
      if (after < anchor) return anchor;
      return anchor + (Math.floor((after - anchor) / expression.periodMs) + 1) * expression.periodMs;
    }
    case 'cron':
      return nextCronTime(expression.cron, after, zone);
    case 'at': {
      // A local time a spring clock shift skips is read an hour on (02:30 runs at 03:30).
      const instant = fromWall(expression.wall, zone) ?? fromWall(expression.wall + 3_600_000, zone);
      return instant !== undefined && instant > after ? instant : undefined;
    }
  }
}
