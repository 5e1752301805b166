import { fromWall, toWall } from './schedule-zone.ts';

/**
 * AWS's six-field cron (`minutes hours day-of-month month day-of-week year`), as EventBridge rules
 * and EventBridge Scheduler read it: `,` `-` `*` `/` everywhere, `?` in one of the two day fields
 * (exactly one), `L` and `W` in day-of-month, `L` and `#` in day-of-week (1 = SUN … 7 = SAT),
 * month and day names, years 1970–2199.
 */
export interface CronSchedule {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly years: ReadonlySet<number>;
  readonly day: DayRule;
}

/** Which days of a month match: exactly one of the two day fields says it, the other is `?`. */
type DayRule =
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'lastDay' }
  | { readonly kind: 'lastWeekday' }
  | { readonly kind: 'nearestWeekday'; readonly day: number }
  | { readonly kind: 'weekdays'; readonly weekdays: ReadonlySet<number> }
  | { readonly kind: 'lastOfWeekday'; readonly weekday: number }
  | { readonly kind: 'nthWeekday'; readonly weekday: number; readonly nth: number };

export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
interface Range {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}
const MINUTE: Range = { min: 0, max: 59 };
const HOUR: Range = { min: 0, max: 23 };
const DAY_OF_MONTH: Range = { min: 1, max: 31 };
const MONTH: Range = { min: 1, max: 12, names: MONTHS };
const DAY_OF_WEEK: Range = { min: 1, max: 7, names: WEEKDAYS };
const YEAR: Range = { min: 1970, max: 2199 };

/** Parses the six fields inside `cron(…)`; throws CronSyntaxError naming what is wrong. */
export function parseCron(fields: string): CronSchedule {
  const parts = fields.trim().split(/\s+/);
  if (parts.length !== 6) throw new CronSyntaxError(`a cron expression has 6 fields, got ${parts.length}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts as [string, string, string, string, string, string];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) throw new CronSyntaxError('exactly one of day-of-month and day-of-week must be ?');
  return {
    minutes: parseField(minutes, MINUTE),
    hours: parseField(hours, HOUR),
    months: parseField(month, MONTH),
    years: parseField(year, YEAR),
    day: dayOfWeek === '?' ? parseDayOfMonth(dayOfMonth) : parseDayOfWeek(dayOfWeek),
  };
}

/**
 * The first minute strictly after `after` (epoch ms) that the schedule names, read in `zone`;
 * undefined when there is none before 2200. A wall time a clock shift skips is not run; one it
 * repeats runs once (AWS's rule for EventBridge Scheduler).
 */
export function nextCronTime(cron: CronSchedule, after: number, zone = 'UTC'): number | undefined {
  let wall = Math.floor(toWall(after, zone) / 60_000) * 60_000 + 60_000;
  for (let step = 0; step < 1_000_000; step++) {
    const date = new Date(wall);
    const [year, month, day, hour, minute] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes()];
    if (year > YEAR.max) return undefined;
    if (!cron.years.has(year)) {
      const next = [...cron.years].filter((y) => y > year).sort((a, b) => a - b)[0];
      if (next === undefined) return undefined;
      wall = Date.UTC(next, 0, 1);
    } else if (!cron.months.has(month + 1)) {
      wall = Date.UTC(year, month + 1, 1);
    } else if (!dayMatches(cron.day, year, month, day)) {
      wall = Date.UTC(year, month, day + 1);
    } else if (!cron.hours.has(hour)) {
      wall = Date.UTC(year, month, day, hour + 1);
    } else if (!cron.minutes.has(minute)) {
      wall = Date.UTC(year, month, day, hour, minute + 1);
    } else {
      const instant = fromWall(wall, zone);
      if (instant !== undefined && instant > after) return instant;
      wall += 60_000;
    }
  }
  return undefined;
}

function dayMatches(rule: DayRule, year: number, month: number, day: number): boolean {
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const weekday = new Date(Date.UTC(year, month, day)).getUTCDay() + 1;
  switch (rule.kind) {
    case 'days':
      return rule.days.has(day);
    case 'lastDay':
      return day === last;
    case 'lastWeekday':
      return day === nearestWeekday(year, month, last, last);
    case 'nearestWeekday':
      return rule.day <= last && day === nearestWeekday(year, month, rule.day, last);
    case 'weekdays':
      return rule.weekdays.has(weekday);
    case 'lastOfWeekday':
      return weekday === rule.weekday && day + 7 > last;
    case 'nthWeekday':
      return weekday === rule.weekday && Math.ceil(day / 7) === rule.nth;
  }
}

/** `nW`: the weekday nearest to day n, never crossing into another month. */
function nearestWeekday(year: number, month: number, day: number, last: number): number {
  const weekday = new Date(Date.UTC(year, month, day)).getUTCDay();
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === last ? day - 2 : day + 1;
  return day;
}

function parseDayOfMonth(field: string): DayRule {
  const upper = field.toUpperCase();
  if (upper === 'L') return { kind: 'lastDay' };
  if (upper === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d{1,2})W$/.exec(upper);
  if (weekday) return { kind: 'nearestWeekday', day: inRange(Number(weekday[1]), DAY_OF_MONTH, field) };
  return { kind: 'days', days: parseField(field, DAY_OF_MONTH) };
}

function parseDayOfWeek(field: string): DayRule {
  const upper = field.toUpperCase();
  if (upper === 'L') return { kind: 'weekdays', weekdays: new Set([7]) };
  const last = /^(\w+)L$/.exec(upper);
  if (last) return { kind: 'lastOfWeekday', weekday: value(last[1]!, DAY_OF_WEEK, field) };
  const nth = /^(\w+)#(\d)$/.exec(upper);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new CronSyntaxError(`${field}: the occurrence after # is 1–5`);
    return { kind: 'nthWeekday', weekday: value(nth[1]!, DAY_OF_WEEK, field), nth: n };
  }
  return { kind: 'weekdays', weekdays: parseField(field, DAY_OF_WEEK) };
}

/** A list of `*`, `n`, `a-b` (wrapping past the maximum, as `FRI-MON`), each with an optional `/step`. */
function parseField(field: string, range: Range): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [span, stepText, extra] = item.split('/');
    if (extra !== undefined || span === undefined || span === '') throw new CronSyntaxError(`${field}: malformed item ${item}`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || !/^\d+$/.test(stepText ?? '1')) throw new CronSyntaxError(`${field}: bad step ${stepText}`);
    let from: number;
    let to: number;
    if (span === '*') {
      [from, to] = [range.min, range.max];
    } else if (span.includes('-')) {
      const [a, b, more] = span.split('-');
      if (more !== undefined) throw new CronSyntaxError(`${field}: malformed range ${span}`);
      [from, to] = [value(a!, range, field), value(b!, range, field)];
      if (to < from) to += range.max - range.min + 1;
    } else {
      from = value(span, range, field);
      // `5/15` runs from 5 to the end of the range; a bare `5` is just 5.
      to = stepText === undefined ? from : range.max;
    }
    const size = range.max - range.min + 1;
    for (let n = from; n <= to; n += step) values.add(n > range.max ? n - size : n);
  }
  return values;
}

function value(text: string, range: Range, field: string): number {
  const named = range.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + range.min;
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(`${field}: ${text} is not a value`);
  return inRange(Number(text), range, field);
}

function inRange(n: number, range: Range, field: string): number {
  if (n < range.min || n > range.max) throw new CronSyntaxError(`${field}: ${n} is outside ${range.min}–${range.max}`);
  return n;
}
