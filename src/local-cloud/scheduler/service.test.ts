import { describe, expect, it } from 'vitest';
import type { TargetConfig } from '../delivery/target.ts';
import { openStateDb, type StateDb } from '../state/db.ts';
import { SchedulerService } from './service.ts';
import type { ScheduleInput } from './validate.ts';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const MINUTE = 60_000;
const queue = 'arn:aws:sqs:us-east-1:000000000000:q';

/** A SchedulerService on `db` with a clock moved by hand; `delivered` records what it hands to delivery. */
function service(db: StateDb, clock: { now: number }) {
  const delivered: { source: string; target: TargetConfig; input: string }[] = [];
  const scheduler = new SchedulerService({
    db,
    clock: { now: () => clock.now, delayUntil: () => 3_600_000 },
    dispatcher: { deliver: (source, target, _event, input) => void delivered.push({ source, target, input }), notify: () => undefined },
  });
  return { scheduler, delivered };
}

const input = (expression: string, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  ScheduleExpression: expression,
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: { Arn: queue, RoleArn: 'arn:aws:iam::000000000000:role/r', Input: '"<aws.scheduler.scheduled-time>"' },
  ...extra,
});

describe('SchedulerService firing', () => {
  it('after a restart fires a fire missed while down once, then keeps the rate\'s phase', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const first = service(db, clock);
    first.scheduler.createSchedule('tick', input('rate(5 minutes)'));
    first.scheduler.start();
    first.scheduler.close();

    clock.now = T0 + 17 * MINUTE;
    const second = service(db, clock);
    second.scheduler.start();
    clock.now = T0 + 20 * MINUTE;
    second.scheduler.start();

    expect(first.delivered.map((d) => d.input)).toEqual(['"2030-01-01T00:00:00Z"']);
    expect(second.delivered.map((d) => d.input)).toEqual(['"2030-01-01T00:05:00Z"', '"2030-01-01T00:20:00Z"']);
    expect(second.delivered[0]!.source).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/default/tick');
  });

  it('does not fire a disabled schedule, and fires it once enabled', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const { scheduler, delivered } = service(db, clock);
    scheduler.createSchedule('paused', input('rate(1 minute)', { State: 'DISABLED' }));
    scheduler.start();
    clock.now += 10 * MINUTE;
    scheduler.start();
    const whileDisabled = delivered.length;
    scheduler.updateSchedule('paused', input('rate(1 minute)'));
    scheduler.start();

    expect(whileDisabled).toBe(0);
    expect(delivered).toHaveLength(1);
  });

  it('stops at EndDate, keeping the completed schedule (ActionAfterCompletion NONE)', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const { scheduler, delivered } = service(db, clock);
    scheduler.createSchedule('short', input('rate(1 minute)', { EndDate: (T0 + 90_000) / 1000 }));
    for (let minute = 0; minute <= 5; minute++) {
      clock.now = T0 + minute * MINUTE;
      scheduler.start();
    }

    expect(delivered.map((d) => d.input)).toEqual(['"2030-01-01T00:00:00Z"', '"2030-01-01T00:01:00Z"']);
    expect(scheduler.getSchedule(undefined, 'short').name).toBe('short');
  });

  it('deletes a one-off after it fired when ActionAfterCompletion is DELETE', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const { scheduler, delivered } = service(db, clock);
    scheduler.createSchedule('once', input('at(2030-01-01T00:02:00)', { ActionAfterCompletion: 'DELETE' }));
    clock.now = T0 + 2 * MINUTE;
    scheduler.start();

    expect(delivered).toHaveLength(1);
    expect(() => scheduler.getSchedule(undefined, 'once')).toThrow('Schedule once does not exist.');
  });
});
