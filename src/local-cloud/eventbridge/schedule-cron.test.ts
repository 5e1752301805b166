import { describe, expect, it } from 'vitest';
import { CronSyntaxError, nextCronTime, parseCron } from './schedule-cron.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The next `count` fire times after `from`, in UTC unless a zone is given. */
function fires(fields: string, from: string, count = 3, zone = 'UTC'): (string | undefined)[] {
  const cron = parseCron(fields);
  const out: (string | undefined)[] = [];
  let after = at(from);
  for (let i = 0; i < count; i++) {
    const next = nextCronTime(cron, after, zone);
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

describe('parseCron', () => {
  it.each([
    ['0 0 * * *', '6 fields'],
    ['0 0 * * * *', 'exactly one of day-of-month and day-of-week'],
    ['0 0 ? * ? *', 'exactly one of day-of-month and day-of-week'],
    ['60 0 * * ? *', 'outside 0–59'],
    ['0 24 * * ? *', 'outside 0–23'],
    ['0 0 32 * ? *', 'outside 1–31'],
    ['0 0 ? 13 * *', 'outside 1–12'],
    ['0 0 ? * 8 *', 'outside 1–7'],
    ['0 0 * * ? 1969', 'outside 1970–2199'],
    ['0/0 0 * * ? *', 'bad step'],
    ['x 0 * * ? *', 'not a value'],
    ['0 0 ? * MON#6 *', '1–5'],
    ['0 ? * * ? *', 'not a value'],
  ])('refuses %s (%s)', (fields, message) => {
    expect(() => parseCron(fields)).toThrow(CronSyntaxError);
    expect(() => parseCron(fields)).toThrow(message);
  });
});

describe('nextCronTime', () => {
  it('steps minutes: 0/5 every five minutes from the hour', () => {
    expect(fires('0/5 * * * ? *', '2030-01-01T00:04:58Z')).toEqual(['2030-01-01T00:05:00.000Z', '2030-01-01T00:10:00.000Z', '2030-01-01T00:15:00.000Z']);
  });

  it('is strictly after the given time, to the minute', () => {
    expect(fires('0/5 * * * ? *', '2030-01-01T00:05:00Z', 1)).toEqual(['2030-01-01T00:10:00.000Z']);
    expect(fires('* * * * ? *', '2030-01-01T00:05:30.500Z', 1)).toEqual(['2030-01-01T00:06:00.000Z']);
  });

  it('reads lists, ranges, named days and months', () => {
    expect(fires('15 10,14 ? JAN-MAR MON-FRI *', '2030-01-04T12:00:00Z', 3)).toEqual([
      '2030-01-04T14:15:00.000Z', // Friday
      '2030-01-07T10:15:00.000Z', // Monday
      '2030-01-07T14:15:00.000Z',
    ]);
  });

  it('wraps a day range past Saturday (FRI-MON)', () => {
    expect(fires('0 9 ? * FRI-MON *', '2030-01-03T12:00:00Z', 4)).toEqual([
      '2030-01-04T09:00:00.000Z',
      '2030-01-05T09:00:00.000Z',
      '2030-01-06T09:00:00.000Z',
      '2030-01-07T09:00:00.000Z',
    ]);
  });

  it('L in day-of-month is the last day, leap years included', () => {
    expect(fires('0 0 L * ? *', '2028-01-15T00:00:00Z', 3)).toEqual(['2028-01-31T00:00:00.000Z', '2028-02-29T00:00:00.000Z', '2028-03-31T00:00:00.000Z']);
  });

  it('W is the nearest weekday without leaving the month; LW the last weekday', () => {
    // 2030-06-01 is a Saturday: 1W moves forward to Monday the 3rd; 2030-03-31 is a Sunday: LW is Friday the 29th.
    expect(fires('0 0 1W * ? 2030', '2030-05-15T00:00:00Z', 1)).toEqual(['2030-06-03T00:00:00.000Z']);
    expect(fires('0 0 15W * ? 2030', '2030-06-01T00:00:00Z', 1)).toEqual(['2030-06-14T00:00:00.000Z']);
    expect(fires('0 0 LW * ? 2030', '2030-03-01T00:00:00Z', 1)).toEqual(['2030-03-29T00:00:00.000Z']);
  });

  it('# is the nth weekday of the month; nL the last one', () => {
    expect(fires('0 12 ? * 3#2 *', '2030-01-01T00:00:00Z', 2)).toEqual(['2030-01-08T12:00:00.000Z', '2030-02-12T12:00:00.000Z']);
    expect(fires('0 12 ? * 6L *', '2030-01-01T00:00:00Z', 2)).toEqual(['2030-01-25T12:00:00.000Z', '2030-02-22T12:00:00.000Z']);
  });

  it('L alone in day-of-week is Saturday', () => {
    expect(fires('0 0 ? * L *', '2030-01-01T00:00:00Z', 1)).toEqual(['2030-01-05T00:00:00.000Z']);
  });

  it('stops after the last listed year, and never matches a day that does not exist', () => {
    expect(fires('0 0 1 1 ? 2030', '2029-06-01T00:00:00Z', 2)).toEqual(['2030-01-01T00:00:00.000Z', undefined]);
    expect(fires('0 0 30 2 ? *', '2030-01-01T00:00:00Z', 1)).toEqual([undefined]);
  });

  it('reads fields in a time zone', () => {
    // 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer.
    expect(fires('0 9 * * ? *', '2030-01-01T00:00:00Z', 1, 'Europe/Paris')).toEqual(['2030-01-01T08:00:00.000Z']);
    expect(fires('0 9 * * ? *', '2030-07-01T00:00:00Z', 1, 'Europe/Paris')).toEqual(['2030-07-01T07:00:00.000Z']);
  });

  it('skips a local time the spring shift removes and runs a repeated one once', () => {
    // Europe/Paris 2030: clocks go 02:00 → 03:00 on 31 March, 03:00 → 02:00 on 27 October.
    expect(fires('30 2 * * ? *', '2030-03-30T12:00:00Z', 2, 'Europe/Paris')).toEqual(['2030-04-01T00:30:00.000Z', '2030-04-02T00:30:00.000Z']);
    expect(fires('30 2 * * ? *', '2030-10-26T12:00:00Z', 2, 'Europe/Paris')).toEqual(['2030-10-27T00:30:00.000Z', '2030-10-28T01:30:00.000Z']);
  });
});
