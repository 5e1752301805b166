import { nextFireTime, parseScheduleExpression, type ScheduleExpression } from '../eventbridge/schedule-expression.ts';
import type { ScheduleConfig } from './models.ts';

/**
 * When a schedule fires, as EventBridge Scheduler reads its expression, time zone, StartDate and
 * EndDate: a rate without StartDate starts at once; StartDate and EndDate do not apply to `at(…)`;
 * an `at(…)` already past fires once, at once (as does any fire that fell while the cloud was down).
 */
export function firstFireTime(config: ScheduleConfig, now: number): number | undefined {
  if (config.state === 'DISABLED') return undefined;
  const expression = parse(config);
  if (expression.kind === 'at') return nextFireTime(expression, Number.NEGATIVE_INFINITY, { zone: config.timezone }) ?? undefined;
  const from = Math.max(now, config.startDate ?? now);
  const next = nextFireTime(expression, from - 1, { zone: config.timezone, anchor: config.startDate ?? now });
  return withinEnd(config, next);
}

/** The fire after the one due at `firedAt`, counted from `now` (missed fires are not made up); undefined when the schedule is complete. */
export function nextFireAfter(config: ScheduleConfig, firedAt: number, now: number): number | undefined {
  const expression = parse(config);
  if (expression.kind === 'at') return undefined;
  return withinEnd(config, nextFireTime(expression, Math.max(now, firedAt), { zone: config.timezone, anchor: firedAt }));
}

function withinEnd(config: ScheduleConfig, next: number | undefined): number | undefined {
  return next !== undefined && (config.endDate === undefined || next <= config.endDate) ? next : undefined;
}

function parse(config: ScheduleConfig): ScheduleExpression {
  return parseScheduleExpression(config.expression, { allowAt: true });
}
