import type { StateDb } from '../state/db.ts';
import type { TargetConfig } from './target.ts';

/** A delivery waiting for its (next) attempt: Lambda targets, and SQS deliveries that failed once. */
export interface PendingDelivery {
  readonly id: number;
  readonly ruleArn: string;
  readonly target: TargetConfig;
  /** The original event (for the DLQ) and the rendered input (for the target). */
  readonly event: string;
  readonly input: string;
  readonly attempts: number;
  readonly functionAttempts: number;
  readonly firstAttemptAt: number;
}

interface Row {
  id: number;
  rule_arn: string;
  target: string;
  event: string;
  input: string;
  attempts: number;
  function_attempts: number;
  first_attempt_at: number;
}

/** Durable queue of target deliveries; rows are written in the same transaction as the PutEvents that produced them. */
export class DeliveryOutbox {
  private readonly insertStmt;
  private readonly dueStmt;
  private readonly leaseStmt;
  private readonly nextDueStmt;
  private readonly countStmt;
  private readonly deleteStmt;
  private readonly rescheduleStmt;
  private readonly byTargetStmt;

  constructor(db: StateDb) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS eb_deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT, rule_arn TEXT NOT NULL, target TEXT NOT NULL,
        event TEXT NOT NULL, input TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        function_attempts INTEGER NOT NULL DEFAULT 0, first_attempt_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL, last_error TEXT, leased INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX IF NOT EXISTS eb_deliveries_due ON eb_deliveries (leased, due_at);
    `);
    // Deliveries that were in flight when the process died are due again (at-least-once).
    db.prepare('UPDATE eb_deliveries SET leased = 0 WHERE leased = 1').run();
    this.insertStmt = db.prepare(
      'INSERT INTO eb_deliveries (rule_arn, target, event, input, attempts, first_attempt_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.dueStmt = db.prepare('SELECT * FROM eb_deliveries WHERE leased = 0 AND due_at <= ? ORDER BY due_at, id LIMIT ?');
    this.leaseStmt = db.prepare('UPDATE eb_deliveries SET leased = 1 WHERE id = ?');
    this.nextDueStmt = db.prepare('SELECT MIN(due_at) AS due FROM eb_deliveries WHERE leased = 0');
    this.countStmt = db.prepare('SELECT COUNT(*) AS count FROM eb_deliveries');
    this.deleteStmt = db.prepare('DELETE FROM eb_deliveries WHERE id = ?');
    this.byTargetStmt = db.prepare(
      "SELECT rule_arn AS ruleArn, json_extract(target, '$.arn') AS targetArn, COUNT(*) AS count FROM eb_deliveries GROUP BY rule_arn, targetArn ORDER BY rule_arn, targetArn",
    );
    this.rescheduleStmt = db.prepare(
      'UPDATE eb_deliveries SET attempts = ?, function_attempts = ?, due_at = ?, last_error = ?, leased = 0 WHERE id = ?',
    );
  }

  add(delivery: { ruleArn: string; target: TargetConfig; event: string; input: string; attempts: number; now: number; dueAt: number }): void {
    this.insertStmt.run(delivery.ruleArn, JSON.stringify(delivery.target), delivery.event, delivery.input, delivery.attempts, delivery.now, delivery.dueAt);
  }

  /** Takes up to `limit` due deliveries out of the schedule until they are done or rescheduled. */
  lease(now: number, limit: number): PendingDelivery[] {
    const rows = this.dueStmt.all(now, limit) as Row[];
    for (const row of rows) this.leaseStmt.run(row.id);
    return rows.map((row) => ({
      id: row.id,
      ruleArn: row.rule_arn,
      target: JSON.parse(row.target) as TargetConfig,
      event: row.event,
      input: row.input,
      attempts: row.attempts,
      functionAttempts: row.function_attempts,
      firstAttemptAt: row.first_attempt_at,
    }));
  }

  /** Deliveries not yet done, scheduled or in flight. */
  size(): number {
    return (this.countStmt.get() as { count: number }).count;
  }

  /** Deliveries not yet done, by the rule (or, for an asynchronous invocation, the caller) and target they are for. */
  pendingByTarget(): { ruleArn: string; targetArn: string; count: number }[] {
    return this.byTargetStmt.all() as { ruleArn: string; targetArn: string; count: number }[];
  }

  nextDueAt(): number | undefined {
    const row = this.nextDueStmt.get() as { due: number | null };
    return row.due ?? undefined;
  }

  done(id: number): void {
    this.deleteStmt.run(id);
  }

  reschedule(id: number, attempts: number, functionAttempts: number, dueAt: number, error: string): void {
    this.rescheduleStmt.run(attempts, functionAttempts, dueAt, error, id);
  }
}
