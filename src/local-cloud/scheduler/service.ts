import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../../platform/log.ts';
import type { TargetDispatcher } from '../delivery/target-dispatcher.ts';
import { DueTimer, systemClock, type ScheduleClock } from '../eventbridge/schedule-timer.ts';
import type { StateDb } from '../state/db.ts';
import { conflict, resourceNotFound, validation } from './errors.ts';
import { DEFAULT_GROUP, scheduleArn, type ScheduleConfig, type ScheduleGroupRecord } from './models.ts';
import { SchedulerStore } from './state.ts';
import { scheduledDelivery } from './targets.ts';
import { firstFireTime, nextFireAfter } from './timing.ts';
import { checkName, scheduleFromInput, type ScheduleInput } from './validate.ts';

export interface SchedulerServiceOptions {
  db: StateDb;
  dispatcher: Pick<TargetDispatcher, 'deliver' | 'notify'>;
  /** Default the system clock; tests pass a faster one. */
  clock?: ScheduleClock;
  logger?: Logger;
}

/**
 * EventBridge Scheduler: schedule groups and schedules kept in the state database, fired by one
 * timer for the earliest due schedule. A fire hands its target to the durable delivery outbox in
 * the same transaction that moves the schedule to its next fire time (a Lambda target is an
 * asynchronous invocation, with Lambda's retries and destinations). A fire that fell while the
 * cloud was down happens once, at start.
 *
 * @example
 * const scheduler = new SchedulerService({ db, dispatcher });
 * scheduler.createSchedule('remind', { ScheduleExpression: 'at(2030-01-01T09:00:00)', FlexibleTimeWindow: { Mode: 'OFF' },
 *   Target: { Arn: queueArn, RoleArn: roleArn, Input: '{"id":1}' } });
 * scheduler.start();
 */
export class SchedulerService {
  private readonly store: SchedulerStore;
  private readonly clock: ScheduleClock;
  private readonly logger: Logger;
  private readonly timer: DueTimer;
  private started = false;

  constructor(private readonly options: SchedulerServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.store = new SchedulerStore(options.db);
    this.store.ensureDefaultGroup(this.clock.now());
    this.timer = new DueTimer(this.clock, () => this.runDue());
  }

  createSchedule(name: string, input: ScheduleInput): string {
    const config = scheduleFromInput(name, input);
    this.requireGroup(config.groupName);
    if (this.store.schedule(config.groupName, name)) throw conflict(`Schedule ${name} already exists.`);
    const now = this.clock.now();
    this.store.forgetCompleted(config.groupName, name);
    return this.save({ ...config, createdAt: now, modifiedAt: now });
  }

  /** Replaces the whole schedule, as UpdateSchedule does (fields left out are reset). */
  updateSchedule(name: string, input: ScheduleInput): string {
    const config = scheduleFromInput(name, input);
    const existing = this.getSchedule(config.groupName, name);
    return this.save({ ...config, createdAt: existing.createdAt, modifiedAt: this.clock.now() });
  }

  /**
   * A stack's schedule: created, or replaced when its declaration changed. Left alone when unchanged
   * (a restart neither restarts a rate nor refires a past `at(…)`), and not created again once it
   * completed and was deleted (ActionAfterCompletion DELETE), as CloudFormation would not.
   */
  deploySchedule(stack: string, name: string, input: ScheduleInput): string {
    const declared = { ...scheduleFromInput(name, input), managedBy: stack };
    const arn = scheduleArn(declared.groupName, name);
    const existing = this.store.schedule(declared.groupName, name);
    const now = this.clock.now();
    if (existing) {
      const { createdAt, modifiedAt: _modified, ...current } = existing.config;
      if (JSON.stringify(current) !== JSON.stringify(declared)) this.save({ ...declared, createdAt, modifiedAt: now });
      return arn;
    }
    this.requireGroup(declared.groupName);
    if (this.store.completed(declared.groupName, name) !== JSON.stringify(declared)) this.save({ ...declared, createdAt: now, modifiedAt: now });
    return arn;
  }

  getSchedule(group: string | undefined, name: string): ScheduleConfig {
    const found = this.store.schedule(group ?? DEFAULT_GROUP, name);
    if (!found) throw resourceNotFound(`Schedule ${name} does not exist.`);
    return found.config;
  }

  deleteSchedule(group: string | undefined, name: string): void {
    if (!this.store.deleteSchedule(group ?? DEFAULT_GROUP, name)) throw resourceNotFound(`Schedule ${name} does not exist.`);
    this.rearm();
  }

  listSchedules(filter: { group?: string; namePrefix?: string; state?: string } = {}): ScheduleConfig[] {
    return this.store
      .schedules(filter.group)
      .filter((s) => s.name.startsWith(filter.namePrefix ?? '') && (filter.state === undefined || s.state === filter.state));
  }

  createGroup(name: string): ScheduleGroupRecord {
    checkName('name', name);
    if (this.store.group(name)) throw conflict(`Schedule group ${name} already exists.`);
    this.store.saveGroup(name, this.clock.now());
    return this.store.group(name)!;
  }

  getGroup(name: string): ScheduleGroupRecord {
    return this.requireGroup(name);
  }

  listGroups(namePrefix = ''): ScheduleGroupRecord[] {
    return this.store.groups().filter((g) => g.name.startsWith(namePrefix));
  }

  /** Deletes a group and its schedules; the default group cannot be deleted. */
  deleteGroup(name: string): void {
    if (name === DEFAULT_GROUP) throw validation('The default schedule group cannot be deleted.');
    this.requireGroup(name);
    this.store.deleteGroup(name);
    this.rearm();
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

  private save(config: ScheduleConfig): string {
    this.store.saveSchedule(config, firstFireTime(config, this.clock.now()));
    this.rearm();
    return scheduleArn(config.groupName, config.name);
  }

  private requireGroup(name: string): ScheduleGroupRecord {
    const group = this.store.group(name);
    if (!group) throw resourceNotFound(`Schedule group ${name} does not exist.`);
    return group;
  }

  private runDue(): void {
    if (!this.started) return;
    const now = this.clock.now();
    for (const { config, nextFireAt } of this.store.due(now)) {
      try {
        this.fire(config, nextFireAt, now);
      } catch (error) {
        this.logger.error('a schedule could not fire; it is disabled until updated', { schedule: scheduleArn(config.groupName, config.name), error });
        this.store.setNextFire(config.groupName, config.name, undefined);
      }
    }
    this.options.dispatcher.notify();
    this.rearm();
  }

  /** Hands the target to delivery and moves the schedule on, in one transaction. */
  private fire(config: ScheduleConfig, scheduledAt: number, now: number): void {
    const arn = scheduleArn(config.groupName, config.name);
    const { target, input } = scheduledDelivery(config, scheduledAt, randomUUID());
    const next = nextFireAfter(config, scheduledAt, now);
    this.options.db.transaction(() => {
      this.options.dispatcher.deliver(arn, target, input, input);
      if (next === undefined && config.actionAfterCompletion === 'DELETE') {
        this.store.deleteSchedule(config.groupName, config.name);
        const { createdAt: _created, modifiedAt: _modified, ...declared } = config;
        this.store.markCompleted(config.groupName, config.name, JSON.stringify(declared));
      } else this.store.setNextFire(config.groupName, config.name, next);
    })();
  }

  private rearm(): void {
    if (this.started) this.timer.arm(this.store.earliest());
  }
}
