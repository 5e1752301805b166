import type { StateDb } from '../state/db.ts';
import type { RuleConfig } from './models.ts';

/** Buses and rules, kept in the state database so rules created through the API survive a restart. */
export class EventBridgeStore {
  private readonly db: StateDb;

  constructor(db: StateDb) {
    this.db = db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS eb_buses (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS eb_rules (
        bus TEXT NOT NULL, name TEXT NOT NULL, config TEXT NOT NULL, PRIMARY KEY (bus, name));
    `);
  }

  buses(): string[] {
    return (this.db.prepare('SELECT name FROM eb_buses ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  }

  saveBus(name: string, createdAt: number): void {
    this.db.prepare('INSERT OR IGNORE INTO eb_buses (name, created_at) VALUES (?, ?)').run(name, createdAt);
  }

  deleteBus(name: string): void {
    this.db.prepare('DELETE FROM eb_buses WHERE name = ?').run(name);
  }

  rules(): RuleConfig[] {
    const rows = this.db.prepare('SELECT config FROM eb_rules ORDER BY bus, name').all() as { config: string }[];
    return rows.map((row) => JSON.parse(row.config) as RuleConfig);
  }

  saveRule(rule: RuleConfig): void {
    this.db.prepare('INSERT OR REPLACE INTO eb_rules (bus, name, config) VALUES (?, ?, ?)').run(rule.busName, rule.name, JSON.stringify(rule));
  }

  deleteRule(bus: string, name: string): void {
    this.db.prepare('DELETE FROM eb_rules WHERE bus = ? AND name = ?').run(bus, name);
  }
}
