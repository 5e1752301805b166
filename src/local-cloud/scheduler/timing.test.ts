import { describe, expect, it } from 'vitest';
import type { ScheduleConfig } from './models.ts';
import { scheduledDelivery } from './targets.ts';
import { firstFireTime, nextFireAfter } from './timing.ts';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2030-01-01T10:00:30Z');

function config(overrides: Partial<ScheduleConfig>): ScheduleConfig {
  return {
    name: 's',
    groupName: 'default',
    expression: 'rate(5 minutes)',
    timezone: 'UTC',
    state: 'ENABLED',
    actionAfterCompletion: 'NONE',
    target: { arn: 'arn:aws:sqs:us-east-1:000000000000:q', roleArn: 'arn:aws:iam::000000000000:role/r' },
    createdAt: NOW,
    modifiedAt: NOW,
    ...overrides,
  };
}

describe('firstFireTime', () => {
  it('starts a rate at once without StartDate, at StartDate with one, in phase with a past one', () => {
    expect(firstFireTime(config({}), NOW)).toBe(NOW);
    expect(firstFireTime(config({ startDate: at('2030-01-02T00:00:00Z') }), NOW)).toBe(at('2030-01-02T00:00:00Z'));
    expect(firstFireTime(config({ startDate: at('2030-01-01T09:58:00Z') }), NOW)).toBe(at('2030-01-01T10:03:00Z'));
  });

  it('reads cron in the schedule\'s time zone, from StartDate on', () => {
    const daily = config({ expression: 'cron(0 9 * * ? *)', timezone: 'America/New_York' });
    expect(firstFireTime(daily, NOW)).toBe(at('2030-01-01T14:00:00Z'));
    expect(firstFireTime({ ...daily, startDate: at('2030-03-01T00:00:00Z') }, NOW)).toBe(at('2030-03-01T14:00:00Z'));
  });

  it('ignores StartDate and EndDate for at(…), and fires a past at(…) at once', () => {
    const past = config({ expression: 'at(2029-12-31T00:00:00)', startDate: at('2031-01-01T00:00:00Z'), endDate: at('2031-01-02T00:00:00Z') });
    expect(firstFireTime(past, NOW)).toBe(at('2029-12-31T00:00:00Z'));
    expect(firstFireTime(config({ expression: 'at(2030-01-01T12:00:00)', timezone: 'Asia/Tokyo' }), NOW)).toBe(at('2030-01-01T03:00:00Z'));
  });

  it('does not fire a disabled schedule or one past its EndDate', () => {
    expect(firstFireTime(config({ state: 'DISABLED' }), NOW)).toBeUndefined();
    expect(firstFireTime(config({ expression: 'cron(0 9 * * ? *)', endDate: at('2030-01-01T08:00:00Z') }), NOW)).toBeUndefined();
  });
});

describe('nextFireAfter', () => {
  it('keeps a rate\'s phase and skips what was missed', () => {
    expect(nextFireAfter(config({}), at('2030-01-01T10:00:00Z'), at('2030-01-01T10:00:01Z'))).toBe(at('2030-01-01T10:05:00Z'));
    expect(nextFireAfter(config({}), at('2030-01-01T10:00:00Z'), at('2030-01-01T10:17:00Z'))).toBe(at('2030-01-01T10:20:00Z'));
  });

  it('completes a one-off, and a recurring schedule at its EndDate', () => {
    expect(nextFireAfter(config({ expression: 'at(2030-01-01T10:00:00)' }), NOW, NOW)).toBeUndefined();
    expect(nextFireAfter(config({ endDate: at('2030-01-01T10:04:00Z') }), at('2030-01-01T10:00:00Z'), NOW)).toBeUndefined();
  });
});

describe('scheduledDelivery', () => {
  it('fills in the context attributes and keeps the target\'s retry policy and dead-letter queue', () => {
    const schedule = config({
      groupName: 'g',
      target: {
        arn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
        roleArn: 'r',
        input: '{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","id":"<aws.scheduler.execution-id>","n":<aws.scheduler.attempt-number>,"other":"<aws.other>"}',
        retryPolicy: { maximumRetryAttempts: 3 },
        deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      },
    });

    const delivery = scheduledDelivery(schedule, at('2030-01-01T10:00:00Z'), 'exec-1');

    expect(JSON.parse(delivery.input)).toEqual({ arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/g/s', at: '2030-01-01T10:00:00Z', id: 'exec-1', n: 1, other: '<aws.other>' });
    expect(delivery.target).toEqual({ id: 'exec-1', arn: 'arn:aws:lambda:us-east-1:000000000000:function:f', retryPolicy: { maximumRetryAttempts: 3 }, deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:dlq' });
  });

  it('sends {} without an Input', () => {
    expect(scheduledDelivery(config({}), NOW, 'x').input).toBe('{}');
  });
});
