import type { SQSRecord } from 'aws-lambda';
import type { SqsTrigger } from '../../../platform/topology/types.ts';
import type { Logger } from '../../../platform/log.ts';
import { compileEventPattern } from '../../../platform/event-pattern/index.ts';
import type { SqsService } from '../../sqs/index.ts';
import type { FunctionRunner } from '../runner/index.ts';
import { interpretBatchResponse } from './batch-response.ts';
import { Gate } from './gate.ts';
import { mappingUuid, type EventSourceMappingInfo, type PausableEventSource } from './mapping-info.ts';
import { sqsFilterView, toSqsRecord } from './sqs-records.ts';

export interface SqsEventSourceOptions {
  functionName: string;
  /** Physical queue name. */
  queue: string;
  /** The mapping's settings (an `sqs` trigger without its queue). */
  trigger: Omit<SqsTrigger, 'type' | 'queue'>;
  sqs: SqsService;
  runner: FunctionRunner;
  logger: Logger;
  /** Pollers when the mapping sets no MaximumConcurrency. Default 5 (AWS starts with five). */
  defaultConcurrency?: number;
}

export interface EventSourceStats {
  batches: number;
  records: number;
  failedBatches: number;
  filteredOut: number;
}

/**
 * An SQS event source mapping: pollers long-poll the queue, fill a batch (up to BatchSize within the
 * batching window), drop messages that match no filter (deleting them, as AWS does), invoke the
 * function and delete what succeeded. Failed messages reappear after their visibility timeout.
 * Paused (or declared disabled), its pollers wait without receiving: messages stay in the queue.
 */
export class SqsEventSource implements PausableEventSource {
  readonly stats: EventSourceStats = { batches: 0, records: 0, failedBatches: 0, filteredOut: 0 };
  private readonly abort = new AbortController();
  private readonly filters: ((value: unknown) => boolean)[];
  private readonly queueArn: string;
  private readonly gate: Gate;
  /** Aborted by a pause (ending a long poll at once) and by stop; replaced on resume. */
  private receiving = new AbortController();
  private lanes: Promise<void>[] = [];

  constructor(private readonly options: SqsEventSourceOptions) {
    this.filters = (options.trigger.filterCriteria?.patterns ?? []).map((p) => compileEventPattern(p, { dialect: 'filter' }));
    this.queueArn = options.sqs.queueArn(options.queue);
    this.gate = new Gate(options.trigger.enabled !== false);
  }

  start(): void {
    // More pollers than execution slots would hold received batches while their visibility runs out.
    const requested = this.options.trigger.maximumConcurrency ?? this.options.defaultConcurrency ?? 5;
    const concurrency = Math.max(1, Math.min(requested, this.options.runner.concurrency(this.options.functionName)));
    this.lanes = Array.from({ length: concurrency }, () => this.poll());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.receiving.abort();
    await Promise.allSettled(this.lanes);
  }

  pause(): void {
    this.gate.close();
    this.receiving.abort();
  }

  async resume(): Promise<void> {
    if (this.gate.isOpen) return;
    this.receiving = new AbortController();
    this.gate.open();
  }

  describe(): EventSourceMappingInfo {
    const { functionName, trigger } = this.options;
    const state = this.gate.isOpen ? 'Enabled' : 'Disabled';
    return { uuid: mappingUuid(functionName, this.queueArn), functionName, eventSourceArn: this.queueArn, kind: 'sqs', state, batchSize: trigger.batchSize ?? 10, stats: { ...this.stats } };
  }

  private async poll(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        await this.gate.wait(signal);
        if (signal.aborted) return;
        const records = await this.fillBatch(this.receiving.signal);
        if (records.length > 0) await this.process(records);
      } catch (error) {
        if (signal.aborted) return;
        this.options.logger.error('sqs event source poll failed', { function: this.options.functionName, error });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  private async fillBatch(signal: AbortSignal): Promise<SQSRecord[]> {
    const { trigger, sqs, queue } = this.options;
    const batchSize = trigger.batchSize ?? 10;
    const windowMs = (trigger.maximumBatchingWindowInSeconds ?? 0) * 1_000;
    const deadline = Date.now() + windowMs;
    const records: SQSRecord[] = [];
    do {
      const remainingMs = records.length === 0 ? 20_000 : deadline - Date.now();
      if (records.length > 0 && remainingMs <= 0) break;
      const messages = await sqs.receiveMessages(queue, {
        maxNumberOfMessages: Math.min(10, batchSize - records.length),
        waitTimeSeconds: Math.max(records.length === 0 ? 20 : 0, Math.min(20, Math.ceil(remainingMs / 1000))),
        signal,
      });
      records.push(...messages.map((message) => toSqsRecord(message, this.queueArn)));
      if (records.length > 0 && windowMs === 0) break;
    } while (records.length < batchSize && !signal.aborted && (records.length === 0 || Date.now() < deadline));
    return records;
  }

  /** The body is parsed once per record, not once per pattern. */
  private passesFilters(view: unknown): boolean {
    return this.filters.some((matches) => matches(view));
  }

  private async process(received: SQSRecord[]): Promise<void> {
    const { sqs, queue, runner, functionName, trigger } = this.options;
    const records = this.filters.length === 0 ? received : received.filter((r) => this.passesFilters(sqsFilterView(r)));
    const kept = new Set(records);
    for (const dropped of received.filter((r) => !kept.has(r))) sqs.deleteMessage(queue, dropped.receiptHandle);
    this.stats.filteredOut += received.length - records.length;
    if (records.length === 0) return;

    this.stats.batches += 1;
    this.stats.records += records.length;
    const result = await runner.invoke(functionName, { Records: records });
    if (!result.ok) {
      this.stats.failedBatches += 1;
      return;
    }
    let failed = new Set<string>();
    if (trigger.reportBatchItemFailures) {
      const verdict = interpretBatchResponse(result.payload, new Set(records.map((r) => r.messageId)));
      if (verdict.kind === 'all-failed') {
        this.stats.failedBatches += 1;
        this.options.logger.warn('batch failed: malformed batchItemFailures response', { function: functionName, reason: verdict.reason });
        return;
      }
      if (verdict.kind === 'partial') failed = new Set(verdict.failedIds);
    }
    for (const record of records) {
      if (!failed.has(record.messageId)) sqs.deleteMessage(queue, record.receiptHandle);
    }
  }
}
