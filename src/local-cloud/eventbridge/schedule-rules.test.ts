import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/log.ts';
import { openStateDb, type StateDb } from '../state/db.ts';
import { RuleSchedules } from './schedule-rules.ts';
import type { ScheduleClock } from './schedule-timer.ts';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const MINUTE = 60_000;

/** RuleSchedules on `db` with a clock the test moves by hand (its timer never fires by itself). */
function schedules(db: StateDb, clock: { now: number }) {
  const fired: { rule: string; at: string }[] = [];
  const committed: string[] = [];
  const handClock: ScheduleClock = { now: () => clock.now, delayUntil: () => 3_600_000 };
  const rules = new RuleSchedules({
    db,
    clock: handClock,
    logger: silentLogger,
    fire: (_bus, rule, at) => {
      fired.push({ rule, at: new Date(at).toISOString() });
      return () => committed.push(rule);
    },
  });
  return { rules, fired, committed };
}

describe('RuleSchedules', () => {
  it('fires a rate one period after the rule was put, then keeps its phase', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 + 10_000 };
    const { rules, fired, committed } = schedules(db, clock);
    rules.sync('default', 'tick', 'rate(5 minutes)');
    rules.start();
    expect(fired).toEqual([]);

    clock.now = T0 + 5 * MINUTE + 10_000;
    rules.start();
    clock.now = T0 + 10 * MINUTE + 30_000;
    rules.start();

    expect(fired).toEqual([
      { rule: 'tick', at: '2030-01-01T00:05:10.000Z' },
      { rule: 'tick', at: '2030-01-01T00:10:10.000Z' },
    ]);
    expect(committed).toEqual(['tick', 'tick']);
    rules.close();
  });

  it('after a restart fires a fire missed while down once, and does not fire twice', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const first = schedules(db, clock);
    first.rules.sync('default', 'tick', 'rate(5 minutes)');
    first.rules.start();
    first.rules.close();

    // Down from 00:00 to 00:17: the fires due at 00:05, 00:10 and 00:15 were missed.
    clock.now = T0 + 17 * MINUTE;
    const second = schedules(db, clock);
    second.rules.load([{ busName: 'default', name: 'tick', scheduleExpression: 'rate(5 minutes)' }]);
    second.rules.start();
    second.rules.close();
    const third = schedules(db, clock);
    third.rules.load([{ busName: 'default', name: 'tick', scheduleExpression: 'rate(5 minutes)' }]);
    third.rules.start();
    clock.now = T0 + 20 * MINUTE;
    third.rules.start();

    expect(second.fired).toEqual([{ rule: 'tick', at: '2030-01-01T00:05:00.000Z' }]);
    expect(third.fired).toEqual([{ rule: 'tick', at: '2030-01-01T00:20:00.000Z' }]);
    third.rules.close();
  });

  it('keeps the next fire when the same expression is put again, restarts it when it changes', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const { rules, fired } = schedules(db, clock);
    rules.sync('default', 'tick', 'rate(5 minutes)');
    clock.now = T0 + 3 * MINUTE;
    rules.sync('default', 'tick', 'rate(5 minutes)');
    clock.now = T0 + 5 * MINUTE;
    rules.start();
    rules.sync('default', 'tick', 'cron(0 12 * * ? *)');
    clock.now = T0 + 10 * MINUTE;
    rules.start();

    expect(fired).toEqual([{ rule: 'tick', at: '2030-01-01T00:05:00.000Z' }]);
    rules.close();
  });

  it('forgets the schedule of a deleted rule, or of a rule gone at load', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const { rules, fired } = schedules(db, clock);
    rules.sync('default', 'gone', 'rate(1 minute)');
    rules.sync('default', 'deleted', 'rate(1 minute)');
    rules.sync('default', 'kept', 'rate(1 minute)');
    rules.remove('default', 'deleted');
    rules.load([{ busName: 'default', name: 'kept', scheduleExpression: 'rate(1 minute)' }]);
    clock.now = T0 + MINUTE;
    rules.start();

    expect(fired.map((f) => f.rule)).toEqual(['kept']);
    rules.close();
  });

  it('drops a schedule whose fire throws, and goes on with the others', () => {
    const db = openStateDb(':memory:');
    const clock = { now: T0 };
    const fired: string[] = [];
    const rules = new RuleSchedules({
      db,
      clock: { now: () => clock.now, delayUntil: () => 3_600_000 },
      logger: silentLogger,
      fire: (_bus, rule) => {
        if (rule === 'broken') throw new Error('boom');
        fired.push(rule);
        return () => undefined;
      },
    });
    rules.sync('default', 'broken', 'rate(1 minute)');
    rules.sync('default', 'fine', 'rate(1 minute)');
    clock.now = T0 + MINUTE;
    rules.start();
    clock.now = T0 + 2 * MINUTE;
    rules.start();

    expect(fired).toEqual(['fine', 'fine']);
    rules.close();
  });
});
