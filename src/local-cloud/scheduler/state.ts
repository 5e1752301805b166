import type { StateDb } from '../state/db.ts';
import { DEFAULT_GROUP, type ScheduleConfig, type ScheduleGroupRecord } from './models.ts';

interface ScheduleRow {
  config: string;
  next_fire_at: number | null;
}

/** Schedule groups and schedules, with each schedule's next fire time, in the state database. */
export class SchedulerStore {
  constructor(private readonly db: StateDb) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS sch_groups (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS sch_schedules (
        group_name TEXT NOT NULL, name TEXT NOT NULL, config TEXT NOT NULL, next_fire_at INTEGER,
        PRIMARY KEY (group_name, name));
      CREATE INDEX IF NOT EXISTS sch_schedules_due ON sch_schedules (next_fire_at);
      CREATE TABLE IF NOT EXISTS sch_completed (group_name TEXT NOT NULL, name TEXT NOT NULL, config TEXT NOT NULL, PRIMARY KEY (group_name, name));
    `);
  }

  /** The default group exists from the start, as on AWS. */
  ensureDefaultGroup(now: number): void {
    this.db.prepare('INSERT OR IGNORE INTO sch_groups (name, created_at, modified_at) VALUES (?, ?, ?)').run(DEFAULT_GROUP, now, now);
  }

  group(name: string): ScheduleGroupRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sch_groups WHERE name = ?').get(name) as { name: string; created_at: number; modified_at: number } | undefined;
    return row && { name: row.name, createdAt: row.created_at, modifiedAt: row.modified_at };
  }

  groups(): ScheduleGroupRecord[] {
    const rows = this.db.prepare('SELECT * FROM sch_groups ORDER BY name').all() as { name: string; created_at: number; modified_at: number }[];
    return rows.map((row) => ({ name: row.name, createdAt: row.created_at, modifiedAt: row.modified_at }));
  }

  saveGroup(name: string, now: number): void {
    this.db.prepare('INSERT INTO sch_groups (name, created_at, modified_at) VALUES (?, ?, ?)').run(name, now, now);
  }

  /** Deletes a group with its schedules. */
  deleteGroup(name: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sch_schedules WHERE group_name = ?').run(name);
      this.db.prepare('DELETE FROM sch_groups WHERE name = ?').run(name);
    })();
  }

  schedule(group: string, name: string): { config: ScheduleConfig; nextFireAt: number | undefined } | undefined {
    const row = this.db.prepare('SELECT config, next_fire_at FROM sch_schedules WHERE group_name = ? AND name = ?').get(group, name) as ScheduleRow | undefined;
    return row && { config: JSON.parse(row.config) as ScheduleConfig, nextFireAt: row.next_fire_at ?? undefined };
  }

  schedules(group?: string): ScheduleConfig[] {
    const rows = (
      group === undefined
        ? this.db.prepare('SELECT config FROM sch_schedules ORDER BY group_name, name').all()
        : this.db.prepare('SELECT config FROM sch_schedules WHERE group_name = ? ORDER BY name').all(group)
    ) as ScheduleRow[];
    return rows.map((row) => JSON.parse(row.config) as ScheduleConfig);
  }

  saveSchedule(config: ScheduleConfig, nextFireAt: number | undefined): void {
    this.db
      .prepare('INSERT OR REPLACE INTO sch_schedules (group_name, name, config, next_fire_at) VALUES (?, ?, ?, ?)')
      .run(config.groupName, config.name, JSON.stringify(config), nextFireAt ?? null);
  }

  setNextFire(group: string, name: string, nextFireAt: number | undefined): void {
    this.db.prepare('UPDATE sch_schedules SET next_fire_at = ? WHERE group_name = ? AND name = ?').run(nextFireAt ?? null, group, name);
  }

  deleteSchedule(group: string, name: string): boolean {
    return this.db.prepare('DELETE FROM sch_schedules WHERE group_name = ? AND name = ?').run(group, name).changes > 0;
  }

  /** A schedule deleted after completing, as it was declared (its config without dates), so a redeploy does not bring it back. */
  markCompleted(group: string, name: string, config: string): void {
    this.db.prepare('INSERT OR REPLACE INTO sch_completed (group_name, name, config) VALUES (?, ?, ?)').run(group, name, config);
  }

  completed(group: string, name: string): string | undefined {
    return (this.db.prepare('SELECT config FROM sch_completed WHERE group_name = ? AND name = ?').get(group, name) as { config: string } | undefined)?.config;
  }

  forgetCompleted(group: string, name: string): void {
    this.db.prepare('DELETE FROM sch_completed WHERE group_name = ? AND name = ?').run(group, name);
  }

  /** Schedules due at `now`, earliest first. */
  due(now: number): { config: ScheduleConfig; nextFireAt: number }[] {
    const rows = this.db.prepare('SELECT config, next_fire_at FROM sch_schedules WHERE next_fire_at <= ? ORDER BY next_fire_at').all(now) as ScheduleRow[];
    return rows.map((row) => ({ config: JSON.parse(row.config) as ScheduleConfig, nextFireAt: row.next_fire_at! }));
  }

  earliest(): number | undefined {
    const row = this.db.prepare('SELECT MIN(next_fire_at) AS due FROM sch_schedules').get() as { due: number | null };
    return row.due ?? undefined;
  }
}
