import { randomUUID } from 'node:crypto';
import type { Logger } from '../../platform/log.ts';
import { LOCAL_ACCOUNT_ID, localRegion } from '../identity.ts';
import type { StateDb } from '../state/db.ts';
import { validation } from './errors.ts';
import type { EventEnvelope } from './models.ts';
import { nextFireTime, parseScheduleExpression, ScheduleExpressionError, type ScheduleExpression } from './schedule-expression.ts';
import { DueTimer, type ScheduleClock } from './schedule-timer.ts';

export interface RuleSchedulesOptions {
  db: StateDb;
  clock: ScheduleClock;
  /** Delivers the rule's Scheduled Event inside the caller's transaction; returns what to run once it committed. */
  fire(bus: string, rule: string, scheduledAt: number): () => void;
  logger: Logger;
}

interface Row {
  bus: string;
  name: string;
  expression: string;
  next_fire_at: number;
}

/**
 * When each scheduled rule fires next, kept in the state database: a fire and the move to the
 * next fire time commit in one transaction with the deliveries, so a restart neither fires twice
 * nor skips silently. A fire that fell while the cloud was down happens once, at start; later
 * missed ones are not made up (the next fire time is counted on from then).
 */
export class RuleSchedules {
  private readonly options: RuleSchedulesOptions;
  private readonly timer: DueTimer;
  private readonly parsed = new Map<string, ScheduleExpression>();
  private started = false;

  constructor(options: RuleSchedulesOptions) {
    this.options = options;
    this.timer = new DueTimer(options.clock, () => this.runDue());
    options.db.exec(`CREATE TABLE IF NOT EXISTS eb_rule_schedules (
      bus TEXT NOT NULL, name TEXT NOT NULL, expression TEXT NOT NULL, next_fire_at INTEGER NOT NULL, PRIMARY KEY (bus, name))`);
  }

  /** Keeps a rule's next fire time; a new or changed expression counts from now (a rate's first fire is one period away). */
  sync(bus: string, name: string, expression: string | undefined): void {
    const { db, clock } = this.options;
    if (expression === undefined) return this.remove(bus, name);
    const row = db.prepare('SELECT expression FROM eb_rule_schedules WHERE bus = ? AND name = ?').get(bus, name) as { expression: string } | undefined;
    if (row?.expression === expression) return;
    const now = clock.now();
    const next = nextFireTime(this.parse(expression), now, { anchor: now });
    if (next === undefined) return this.remove(bus, name);
    db.prepare('INSERT OR REPLACE INTO eb_rule_schedules (bus, name, expression, next_fire_at) VALUES (?, ?, ?, ?)').run(bus, name, expression, next);
    this.rearm();
  }

  remove(bus: string, name: string): void {
    this.options.db.prepare('DELETE FROM eb_rule_schedules WHERE bus = ? AND name = ?').run(bus, name);
    this.rearm();
  }

  /** At load: forgets schedules of rules that are gone, and keeps or starts those of the rules given. */
  load(rules: readonly { busName: string; name: string; scheduleExpression?: string }[]): void {
    const keep = new Set(rules.map((rule) => `${rule.busName}/${rule.name}`));
    const rows = this.options.db.prepare('SELECT bus, name FROM eb_rule_schedules').all() as Pick<Row, 'bus' | 'name'>[];
    for (const row of rows) if (!keep.has(`${row.bus}/${row.name}`)) this.remove(row.bus, row.name);
    for (const rule of rules) this.sync(rule.busName, rule.name, rule.scheduleExpression);
  }

  /** Fires what fell due while the cloud was down (once each), then sleeps until the earliest next fire. */
  start(): void {
    this.started = true;
    this.runDue();
  }

  close(): void {
    this.started = false;
    this.timer.close();
  }

  private runDue(): void {
    const { db, clock, logger } = this.options;
    if (!this.started) return;
    const now = clock.now();
    const due = db.prepare('SELECT * FROM eb_rule_schedules WHERE next_fire_at <= ? ORDER BY next_fire_at').all(now) as Row[];
    for (const row of due) {
      try {
        const expression = this.parse(row.expression);
        // A rate keeps its phase (anchored at the due fire); cron counts from now.
        const next = nextFireTime(expression, now, { anchor: row.next_fire_at });
        const commit = db.transaction(() => {
          const afterCommit = this.options.fire(row.bus, row.name, row.next_fire_at);
          if (next === undefined) db.prepare('DELETE FROM eb_rule_schedules WHERE bus = ? AND name = ?').run(row.bus, row.name);
          else db.prepare('UPDATE eb_rule_schedules SET next_fire_at = ? WHERE bus = ? AND name = ?').run(next, row.bus, row.name);
          return afterCommit;
        })();
        commit();
      } catch (error) {
        logger.error('a scheduled rule could not fire; its schedule is dropped', { bus: row.bus, rule: row.name, error });
        db.prepare('DELETE FROM eb_rule_schedules WHERE bus = ? AND name = ?').run(row.bus, row.name);
      }
    }
    this.rearm();
  }

  private rearm(): void {
    if (!this.started) return;
    const row = this.options.db.prepare('SELECT MIN(next_fire_at) AS due FROM eb_rule_schedules').get() as { due: number | null };
    this.timer.arm(row.due ?? undefined);
  }

  private parse(expression: string): ScheduleExpression {
    let parsed = this.parsed.get(expression);
    if (!parsed) {
      parsed = parseScheduleExpression(expression);
      this.parsed.set(expression, parsed);
    }
    return parsed;
  }
}

/** AWS accepts rate and cron (six fields, UTC) on the default bus only, with these messages. */
export function checkSchedule(bus: string, expression: string): void {
  if (bus !== 'default') throw validation('ScheduleExpression is supported only on the default event bus.');
  try {
    parseScheduleExpression(expression, { strictUnits: true });
  } catch (error) {
    if (error instanceof ScheduleExpressionError) throw validation('Parameter ScheduleExpression is not valid.');
    throw error;
  }
}

/** The event a scheduled rule sends its targets. */
export function scheduledEvent(ruleArn: string, time: string): EventEnvelope {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    time,
    region: localRegion(),
    resources: [ruleArn],
    detail: {},
  };
}
