import { randomUUID } from 'node:crypto';
import { participant, type ActivityFeed } from '../activity/index.ts';
import { SqsError } from './errors.ts';
import type { Queue } from './models.ts';
import type { SqsStore } from './state.ts';

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** One message move task as ListMessageMoveTasks reports it. */
export interface MoveTask {
  readonly taskHandle: string;
  readonly sourceArn: string;
  readonly destinationArn: string | undefined;
  readonly maxNumberOfMessagesPerSecond: number | undefined;
  status: MoveTaskStatus;
  moved: number;
  readonly toMove: number;
  failureReason: string | undefined;
  readonly startedAt: number;
}

export interface MoveTaskDeps {
  readonly store: SqsStore;
  /** A queue by name, undefined once deleted. */
  queue(name: string): Queue | undefined;
  queueArn(name: string): string;
  /** Wakes long polls on a queue that received messages. */
  notify(queueId: number): void;
  now(): number;
  activity: ActivityFeed | undefined;
}

/** Messages moved per transaction; a task without a rate yields to other work between batches. */
const BATCH = 10;
/** AWS keeps a queue's finished tasks listable; locally the last few per queue, in memory. */
const KEPT_PER_QUEUE = 10;

/**
 * SQS message move tasks (a DLQ redrive): each task moves the messages that were in the source
 * queue when it started, in batches of one transaction each, to the destination or, without one, back
 * to the queue each message was dead-lettered from. The moved message is new to its queue: never
 * received, visible at once, its retention counting from the move. Tasks live in memory: a restart
 * ends a running task with every batch it moved kept (nothing is lost, the rest stays in the DLQ).
 */
export class MessageMoveTasks {
  readonly #tasks = new Map<string, MoveTask[]>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: MoveTaskDeps) {}

  start(source: Queue, destination: Queue | undefined, maxPerSecond: number | undefined): string {
    const tasks = this.#tasks.get(source.name) ?? [];
    if (tasks.some((task) => task.status === 'RUNNING' || task.status === 'CANCELLING')) {
      throw new SqsError('UnsupportedOperation', `A message movement task is already running on ${source.name}; only one is supported per queue at a time.`);
    }
    const now = this.deps.now();
    const counts = this.deps.store.counts(source.id, now, source.expiryCutoff(now));
    const sourceArn = this.deps.queueArn(source.name);
    const task: MoveTask = {
      taskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn }), 'utf8').toString('base64'),
      sourceArn,
      destinationArn: destination && this.deps.queueArn(destination.name),
      maxNumberOfMessagesPerSecond: maxPerSecond,
      status: 'RUNNING',
      moved: 0,
      toMove: counts.visible + counts.delayed,
      failureReason: undefined,
      startedAt: now,
    };
    this.#tasks.set(source.name, [task, ...tasks].slice(0, KEPT_PER_QUEUE));
    this.#schedule(() => this.#step(task, source.name, destination?.name), 0);
    return task.taskHandle;
  }

  /** The queue's tasks, most recent first. */
  list(source: Queue, maxResults: number): readonly MoveTask[] {
    return (this.#tasks.get(source.name) ?? []).slice(0, maxResults);
  }

  /** Cancels a running task; returns how many messages it had moved. */
  cancel(taskHandle: string): number {
    const task = [...this.#tasks.values()].flat().find((candidate) => candidate.taskHandle === taskHandle);
    if (!task) throw new SqsError('ResourceNotFoundException', 'The resource that you specified for the TaskHandle parameter doesn\'t exist.');
    if (task.status !== 'RUNNING') throw new SqsError('UnsupportedOperation', `The message movement task is ${task.status}; only a RUNNING task can be cancelled.`);
    task.status = 'CANCELLING';
    return task.moved;
  }

  /** Forgets a deleted queue's tasks (a running one stops at its next batch). */
  forget(queueName: string): void {
    this.#tasks.delete(queueName);
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  #step(task: MoveTask, sourceName: string, destinationName: string | undefined): void {
    if (task.status === 'CANCELLING') return void (task.status = 'CANCELLED');
    const source = this.deps.queue(sourceName);
    if (!source) return this.#fail(task, 'The source queue was deleted.');
    // With a rate, a batch is at most a second's worth, followed by the pause that keeps to the rate.
    const limit = Math.min(BATCH, task.maxNumberOfMessagesPerSecond ?? BATCH, task.toMove - task.moved);
    const moved = limit > 0 ? this.#moveBatch(task, source, destinationName, limit) : 0;
    if (task.status !== 'RUNNING') return;
    if (moved === 0 || task.moved >= task.toMove) return void (task.status = 'COMPLETED');
    const rate = task.maxNumberOfMessagesPerSecond;
    this.#schedule(() => this.#step(task, sourceName, destinationName), rate ? Math.ceil((moved * 1000) / rate) : 0);
  }

  /** One transaction: up to `limit` visible messages to their destination; returns how many moved. */
  #moveBatch(task: MoveTask, source: Queue, destinationName: string | undefined, limit: number): number {
    const { store, now } = this.deps;
    const at = now();
    const woken = new Map<string, { id: number; bodies: string[] }>();
    const outcome = store.inTransaction(() => {
      for (const message of store.candidates(source.id, at, source.expiryCutoff(at), limit)) {
        const target = destinationName ?? message.deadLetterSource;
        const queue = target === undefined ? undefined : this.deps.queue(target);
        if (!queue) return `Message ${message.id} has no source queue to return to${target ? ` (${target} does not exist)` : ''}: pass a DestinationArn.`;
        store.redrive(message.seq, queue.id, at);
        const entry = woken.get(queue.name) ?? { id: queue.id, bodies: [] };
        entry.bodies.push(message.body);
        woken.set(queue.name, entry);
      }
      return undefined;
    });
    let moved = 0;
    for (const [name, { id, bodies }] of woken) {
      moved += bodies.length;
      this.deps.notify(id);
      this.deps.activity?.report({ kind: 'message-move', from: participant.queue(source.name), to: participant.queue(name), count: bodies.length, payload: bodies });
    }
    task.moved += moved;
    if (outcome !== undefined) this.#fail(task, outcome);
    return moved;
  }

  #fail(task: MoveTask, reason: string): void {
    task.status = 'FAILED';
    task.failureReason = reason;
  }

  #schedule(work: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      work();
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }
}
