import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import type { ActivityFeed } from '../activity/index.ts';
import { reportMatches } from './activity.ts';
import { arn, LOCAL_ACCOUNT_ID, localRegion } from '../identity.ts';
import { silentLogger, type Logger } from '../../platform/log.ts';
import { AwsServiceError } from '../protocol/errors.ts';
import type { StateDb } from '../state/db.ts';
import { resourceExists, resourceNotFound, validation } from './errors.ts';
import { entrySize, MAX_ENTRY_BYTES, type EventEnvelope, type RuleConfig, type TargetConfig } from './models.ts';
import { compileEventPattern } from '../../platform/event-pattern/index.ts';
import { EventBridgeStore } from './state.ts';
import { checkSchedule, RuleSchedules, scheduledEvent } from './schedule-rules.ts';
import { systemClock, type ScheduleClock } from './schedule-timer.ts';
import type { TargetDispatcher } from '../delivery/target-dispatcher.ts';
import { renderTargetInput } from './transform.ts';

export interface EventBridgeServiceOptions {
  db: StateDb;
  dispatcher: TargetDispatcher;
  logger?: Logger;
  now?: () => number;
  /** How many recent events the inspector keeps. Default 200. */
  recentEventsLimit?: number;
  /** The clock scheduled rules run on; default the system clock (tests pass a faster one). */
  scheduleClock?: ScheduleClock;
  /** Where rule matches are reported (and pipes sending to a bus report theirs); default nowhere. */
  activity?: ActivityFeed;
}

export interface RecentEvent {
  readonly bus: string;
  readonly event: EventEnvelope;
  readonly matchedRules: readonly string[];
}

interface CompiledRule {
  readonly config: RuleConfig;
  readonly matches: (event: unknown) => boolean;
}

/**
 * Buses, rules and PutEvents. Matching and SQS delivery happen synchronously inside one state-database
 * transaction, so a caller (a pipe) can put events and advance its own checkpoint atomically.
 */
export class EventBridgeService {
  private readonly store: EventBridgeStore;
  private readonly rulesByBus = new Map<string, Map<string, CompiledRule>>();
  private readonly recent: RecentEvent[] = [];
  private readonly now: () => number;
  private readonly recentLimit: number;
  private readonly db: StateDb;
  private readonly dispatcher: TargetDispatcher;
  private readonly logger: Logger;
  private readonly schedules: RuleSchedules;
  readonly activity: ActivityFeed | undefined;

  constructor(options: EventBridgeServiceOptions) {
    this.db = options.db;
    this.activity = options.activity;
    this.logger = options.logger ?? silentLogger;
    this.dispatcher = options.dispatcher;
    this.now = options.now ?? Date.now;
    this.recentLimit = options.recentEventsLimit ?? 200;
    this.store = new EventBridgeStore(options.db);
    this.store.saveBus('default', this.now());
    for (const bus of this.store.buses()) this.rulesByBus.set(bus, new Map());
    const rules = this.store.rules();
    for (const rule of rules) this.cache(rule);
    this.schedules = new RuleSchedules({
      db: this.db,
      clock: options.scheduleClock ?? systemClock,
      logger: this.logger,
      fire: (bus, name, at) => this.fireScheduledRule(bus, name, at),
    });
    this.schedules.load(rules);
  }

  /** Starts firing scheduled rules (call once the stacks are deployed, so their targets exist). */
  startSchedules(): void {
    this.schedules.start();
  }

  close(): void {
    this.schedules.close();
  }

  busArn(name: string): string {
    return arn('events', `event-bus/${name}`);
  }

  ruleArn(bus: string, name: string): string {
    return arn('events', bus === 'default' ? `rule/${name}` : `rule/${bus}/${name}`);
  }

  listBuses(): string[] {
    return [...this.rulesByBus.keys()].sort();
  }

  createBus(name: string, options: { ifNotExists?: boolean } = {}): string {
    if (this.rulesByBus.has(name)) {
      if (options.ifNotExists) return this.busArn(name);
      throw resourceExists(`Event bus ${name} already exists.`);
    }
    this.store.saveBus(name, this.now());
    this.rulesByBus.set(name, new Map());
    return this.busArn(name);
  }

  /**
   * DeleteEventBus: refuses the default bus and a bus that still has rules (ValidationException, as
   * AWS answers); deleting a bus that does not exist succeeds, as on AWS.
   */
  deleteBus(name: string): void {
    if (name === 'default') throw validation('Cannot delete event bus default.');
    const rules = this.rulesByBus.get(name);
    if (!rules) return;
    if (rules.size > 0) throw validation("EventBus can't be deleted since it has rules.");
    this.store.deleteBus(name);
    this.rulesByBus.delete(name);
  }

  /** Accepts a bus name or ARN; undefined means `default`. */
  resolveBus(nameOrArn: string | undefined): string {
    const name = nameOrArn?.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : (nameOrArn ?? 'default');
    if (!this.rulesByBus.has(name)) throw resourceNotFound(`Event bus ${name} does not exist.`);
    return name;
  }

  putRule(rule: Omit<RuleConfig, 'targets'>): string {
    const bus = this.resolveBus(rule.busName);
    if (rule.scheduleExpression !== undefined) checkSchedule(bus, rule.scheduleExpression);
    if (rule.eventPattern === undefined && rule.scheduleExpression === undefined) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    const existing = this.rulesByBus.get(bus)?.get(rule.name);
    this.saveRule({ ...rule, busName: bus, targets: existing?.config.targets ?? [] });
    return this.ruleArn(bus, rule.name);
  }

  getRule(busName: string | undefined, name: string): RuleConfig {
    const bus = this.resolveBus(busName);
    const rule = this.rulesByBus.get(bus)?.get(name);
    if (!rule) throw resourceNotFound(`Rule ${name} does not exist on EventBus ${bus}.`);
    return rule.config;
  }

  listRules(busName?: string, prefix = ''): RuleConfig[] {
    const bus = this.resolveBus(busName);
    return [...(this.rulesByBus.get(bus)?.values() ?? [])].map((r) => r.config).filter((r) => r.name.startsWith(prefix));
  }

  putTargets(busName: string | undefined, ruleName: string, targets: readonly TargetConfig[]): void {
    const rule = this.getRule(busName, ruleName);
    const merged = new Map(rule.targets.map((t) => [t.id, t]));
    for (const target of targets) merged.set(target.id, target);
    if (merged.size > 5) throw new AwsServiceError('LimitExceededException', `The requested resource exceeds the maximum number allowed: rule ${ruleName} can have at most 5 targets.`);
    this.saveRule({ ...rule, targets: [...merged.values()] });
  }

  removeTargets(busName: string | undefined, ruleName: string, ids: readonly string[]): void {
    const rule = this.getRule(busName, ruleName);
    this.saveRule({ ...rule, targets: rule.targets.filter((t) => !ids.includes(t.id)) });
  }

  deleteRule(busName: string | undefined, name: string): void {
    const rule = this.getRule(busName, name);
    if (rule.targets.length > 0) throw validation('Rule can\'t be deleted since it has targets.');
    this.store.deleteRule(rule.busName, name);
    this.rulesByBus.get(rule.busName)?.delete(name);
    this.schedules.remove(rule.busName, name);
  }

  /** PutEvents: 1–10 entries, per-entry results; deliveries committed before it returns. */
  putEvents(entries: readonly PutEventsRequestEntry[]): { FailedEntryCount: number; Entries: PutEventsResultEntry[] } {
    const staged = this.db.transaction(() => this.stageEvents(entries))();
    staged.commit();
    return staged.result;
  }

  /**
   * PutEvents for a caller that owns the transaction (a pipe advancing its checkpoint with it):
   * run it inside the transaction, then call `commit()` once the transaction committed, so the
   * inspector never shows, and the dispatcher never looks for, events that were rolled back.
   */
  stageEvents(entries: readonly PutEventsRequestEntry[]): { result: { FailedEntryCount: number; Entries: PutEventsResultEntry[] }; commit: () => void } {
    if (entries.length < 1 || entries.length > 10) {
      throw validation(`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`);
    }
    const accepted: RecentEvent[] = [];
    const results = entries.map((entry) => this.putOne(entry, accepted));
    return {
      result: { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results },
      commit: () => {
        for (const event of accepted) this.remember(event);
        this.dispatcher.notify();
      },
    };
  }

  recentEvents(): readonly RecentEvent[] {
    return this.recent;
  }

  private putOne(entry: PutEventsRequestEntry, accepted: RecentEvent[]): PutEventsResultEntry {
    let bus: string;
    try {
      bus = this.resolveBus(entry.EventBusName);
    } catch (error) {
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: (error as Error).message };
    }
    const checked = checkEntry(entry);
    if (!('detail' in checked)) return checked;
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType!,
      source: entry.Source!,
      account: LOCAL_ACCOUNT_ID,
      time: formatTime(entry.Time ?? new Date(this.now())),
      region: localRegion(),
      resources: entry.Resources ?? [],
      detail: checked.detail,
    };
    const matched: string[] = [];
    let eventText: string | undefined;
    for (const rule of this.rulesByBus.get(bus)?.values() ?? []) {
      if (rule.config.state !== 'ENABLED' || !rule.matches(event)) continue;
      matched.push(rule.config.name);
      eventText ??= JSON.stringify(event);
      this.deliverToTargets(rule.config, event, eventText);
    }
    accepted.push({ bus, event, matchedRules: matched });
    return { EventId: event.id };
  }

  private deliverToTargets(rule: RuleConfig, event: EventEnvelope, eventText: string): void {
    const ruleArn = this.ruleArn(rule.busName, rule.name);
    const context = { ruleName: rule.name, ruleArn, ingestionTime: event.time };
    for (const target of rule.targets) {
      let input: string;
      try {
        input = renderTargetInput(target, event, context);
      } catch (error) {
        this.logger.error('could not render the target input; event not delivered to this target', { rule: ruleArn, target: target.arn, error });
        continue;
      }
      this.dispatcher.deliver(ruleArn, target, eventText, input);
    }
  }

  /** AWS's `Scheduled Event` of a rule, delivered inside the caller's transaction; returns what to run once it committed. */
  private fireScheduledRule(bus: string, name: string, scheduledAt: number): () => void {
    const rule = this.rulesByBus.get(bus)?.get(name)?.config;
    if (rule?.state !== 'ENABLED') return () => undefined;
    const event = scheduledEvent(this.ruleArn(bus, name), formatTime(new Date(scheduledAt)));
    this.deliverToTargets(rule, event, JSON.stringify(event));
    return () => {
      this.remember({ bus, event, matchedRules: [name] });
      this.dispatcher.notify();
    };
  }

  private remember(entry: RecentEvent): void {
    this.recent.push(entry);
    if (this.recent.length > this.recentLimit) this.recent.splice(0, this.recent.length - this.recentLimit);
    if (this.activity) reportMatches(this.activity, entry.bus, entry.event, entry.matchedRules);
  }

  private saveRule(rule: RuleConfig): void {
    this.cache(rule);
    this.store.saveRule(rule);
    this.schedules.sync(rule.busName, rule.name, rule.scheduleExpression);
  }

  private cache(rule: RuleConfig): void {
    // A rule with only a schedule matches no event.
    const matches = rule.eventPattern === undefined ? () => false : compileEventPattern(rule.eventPattern, { dialect: 'rule' });
    if (!this.rulesByBus.has(rule.busName)) this.rulesByBus.set(rule.busName, new Map());
    this.rulesByBus.get(rule.busName)!.set(rule.name, { config: rule, matches });
  }
}

function checkEntry(entry: PutEventsRequestEntry): PutEventsResultEntry | { detail: object } {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (!entry[field]) return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.` };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail!);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  if (entrySize(entry) >= MAX_ENTRY_BYTES) return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Total size of the entries in the request is over the limit.' };
  return { detail };
}

/** EventBridge's `time`: ISO 8601 without milliseconds. */
function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
