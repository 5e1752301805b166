import { describe, expect, it } from 'vitest';
import { nextFireTime, parseScheduleExpression, ScheduleExpressionError } from './schedule-expression.ts';

const at = (iso: string) => Date.parse(iso);

describe('parseScheduleExpression', () => {
  it('reads rates in minutes, hours and days', () => {
    expect(parseScheduleExpression('rate(1 minute)')).toMatchObject({ kind: 'rate', periodMs: 60_000 });
    expect(parseScheduleExpression('rate(5 minutes)')).toMatchObject({ kind: 'rate', periodMs: 300_000 });
    expect(parseScheduleExpression('rate(2 hours)')).toMatchObject({ kind: 'rate', periodMs: 7_200_000 });
    expect(parseScheduleExpression('rate(1 day)')).toMatchObject({ kind: 'rate', periodMs: 86_400_000 });
  });

  it.each(['rate(0 minutes)', 'rate(-1 minutes)', 'rate(1.5 hours)', 'rate(5 seconds)', 'rate(5)', 'every 5 minutes', 'cron(0 0 * * *)', ''])('refuses %j', (text) => {
    expect(() => parseScheduleExpression(text)).toThrow(ScheduleExpressionError);
  });

  it('with strict units (EventBridge rules) refuses a singular/plural mismatch', () => {
    expect(() => parseScheduleExpression('rate(1 minutes)', { strictUnits: true })).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression('rate(5 minute)', { strictUnits: true })).toThrow(ScheduleExpressionError);
    expect(parseScheduleExpression('rate(1 minutes)')).toMatchObject({ periodMs: 60_000 });
  });

  it('reads at(…) only when allowed, and only real dates', () => {
    expect(() => parseScheduleExpression('at(2030-01-01T10:00:00)')).toThrow(ScheduleExpressionError);
    expect(parseScheduleExpression('at(2030-01-01T10:00:00)', { allowAt: true })).toEqual({ kind: 'at', text: 'at(2030-01-01T10:00:00)', wall: at('2030-01-01T10:00:00Z') });
    expect(() => parseScheduleExpression('at(2030-02-30T10:00:00)', { allowAt: true })).toThrow('not a valid date');
    expect(() => parseScheduleExpression('at(2030-01-01T24:00:00)', { allowAt: true })).toThrow('not a valid date');
    expect(() => parseScheduleExpression('at(2030-01-01 10:00:00)', { allowAt: true })).toThrow(ScheduleExpressionError);
  });
});

describe('nextFireTime', () => {
  it('counts a rate from its anchor, keeping the phase', () => {
    const rate = parseScheduleExpression('rate(5 minutes)');
    const anchor = at('2030-01-01T00:00:10Z');
    expect(nextFireTime(rate, anchor, { anchor })).toBe(at('2030-01-01T00:05:10Z'));
    expect(nextFireTime(rate, at('2030-01-01T00:17:00Z'), { anchor })).toBe(at('2030-01-01T00:20:10Z'));
    expect(nextFireTime(rate, at('2029-12-31T00:00:00Z'), { anchor })).toBe(anchor);
  });

  it('fires at(…) once, at its local time', () => {
    const once = parseScheduleExpression('at(2030-06-01T09:30:00)', { allowAt: true });
    expect(nextFireTime(once, at('2030-01-01T00:00:00Z'))).toBe(at('2030-06-01T09:30:00Z'));
    expect(nextFireTime(once, at('2030-01-01T00:00:00Z'), { zone: 'America/New_York' })).toBe(at('2030-06-01T13:30:00Z'));
    expect(nextFireTime(once, at('2030-06-01T09:30:00Z'))).toBeUndefined();
  });

  it('reads an at(…) time the spring shift removes an hour on', () => {
    const skipped = parseScheduleExpression('at(2030-03-31T02:30:00)', { allowAt: true });
    expect(nextFireTime(skipped, 0, { zone: 'Europe/Paris' })).toBe(at('2030-03-31T01:30:00Z'));
  });

  it('finds the next cron minute', () => {
    expect(nextFireTime(parseScheduleExpression('cron(0/5 * * * ? *)'), at('2030-01-01T00:04:58Z'))).toBe(at('2030-01-01T00:05:00Z'));
  });
});
