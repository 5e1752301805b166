import type { Logger } from '../../platform/log.ts';
import { participant, participantOfArn, type ActivityFeed } from '../activity/index.ts';
import { compileEventPattern } from '../../platform/event-pattern/index.ts';
import type { EventPattern } from '../../platform/topology/types.ts';
import type { StateDb } from '../state/db.ts';
import type { PipeSourceKind } from './definition.ts';
import type { LambdaEnrichment } from './enrichment.ts';
import { decodeEvent, itemIdOf, parseJson, type PipeEvent } from './events.ts';
import type { InputTemplate, TemplateContext } from './input-template.ts';
import type { PipeTarget, TargetEvent } from './targets/target.ts';

export interface PipeCoreOptions {
  readonly name: string;
  readonly arn: string;
  readonly sourceKind: PipeSourceKind;
  readonly sourceArn: string;
  readonly filters: readonly EventPattern[];
  readonly enrichment?: { readonly lambda: LambdaEnrichment; readonly inputTemplate?: InputTemplate };
  readonly target: PipeTarget;
  readonly inputTemplate?: InputTemplate;
  readonly db: StateDb;
  readonly logger: Logger;
  readonly now: () => number;
  /** Where each delivery to the target is reported; default nowhere. */
  readonly activity?: ActivityFeed | undefined;
}

/** How a batch went: delivered, or not (`failedIds`: the events the target reported failed, the others were delivered). */
export type PipeOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly failedIds?: readonly string[] };

/**
 * The middle of a pipe, the same for every source and target: filter, enrich, transform, send. The
 * source hands over a batch with `acknowledge` (advance its checkpoint, delete its messages); the
 * core runs it in the target's transaction when the target lives in the state database, or after
 * the send when it does not, and reports the outcome for the source to retry as it does.
 */
export class PipeCore {
  private readonly options: PipeCoreOptions;
  private readonly filters: ((event: unknown) => boolean)[];
  private delivered = 0;
  private filteredOut = 0;

  constructor(options: PipeCoreOptions) {
    this.options = options;
    this.filters = options.filters.map((pattern) => compileEventPattern(pattern, { dialect: 'filter' }));
  }

  /** Whether an event passes the filter criteria (every event does without filters). */
  matches(event: PipeEvent): boolean {
    if (this.filters.length === 0) return true;
    const decoded = decodeEvent(this.options.sourceKind, event);
    return this.filters.some((matches) => matches(decoded));
  }

  /** Counts events the source dropped because they matched no filter. */
  dropped(count: number): void {
    this.filteredOut += count;
  }

  stats(): { delivered: number; filteredOut: number } {
    return { delivered: this.delivered, filteredOut: this.filteredOut };
  }

  /** Delivers source events that passed the filters; never throws. */
  async deliver(events: readonly PipeEvent[], acknowledge: () => void): Promise<PipeOutcome> {
    const startedAt = performance.now();
    const outcome = await this.send(events, acknowledge);
    const { activity, name, target } = this.options;
    const failure = outcome.ok ? {} : { outcome: 'error' as const, note: outcome.error };
    activity?.report({ kind: 'pipe-delivery', from: participant.pipe(name), to: participantOfArn(target.arn), count: events.length, durationMs: Math.floor(performance.now() - startedAt), ...failure, payload: events });
    return outcome;
  }

  private async send(events: readonly PipeEvent[], acknowledge: () => void): Promise<PipeOutcome> {
    const { db, target, enrichment } = this.options;
    try {
      let batch: readonly unknown[] = events;
      if (enrichment) {
        const inputs = enrichment.inputTemplate ? events.map((event) => this.render(enrichment.inputTemplate!, event).payload) : events;
        batch = await enrichment.lambda.enrich(inputs);
      }
      const targetEvents = batch.map((event) => (this.options.inputTemplate ? this.render(this.options.inputTemplate, event) : asIs(this.options.sourceKind, event)));
      if (targetEvents.length === 0) {
        // The enrichment filtered every event out: nothing to send, the batch is done.
        db.transaction(acknowledge)();
      } else if (target.kind === 'local') {
        const afterCommit = db.transaction(() => {
          const staged = target.stage(targetEvents);
          acknowledge();
          return staged;
        })();
        afterCommit();
      } else {
        const failedIds = await target.send(targetEvents);
        if (failedIds.length > 0) return this.partial(events, failedIds);
        db.transaction(acknowledge)();
      }
      this.delivered += events.length;
      return { ok: true };
    } catch (error) {
      return this.failed(events, error instanceof Error ? error.message : String(error));
    }
  }

  private render(template: InputTemplate, event: unknown): TargetEvent {
    const decoded = decodeEvent(this.options.sourceKind, event);
    const text = template.render({ event, decoded }, this.context());
    const parsed = parseJson(text);
    return { decoded, payload: parsed === undefined ? text : parsed, text };
  }

  private context(): TemplateContext {
    const { name, arn, sourceArn, enrichment, target, now } = this.options;
    return { pipeArn: arn, pipeName: name, sourceArn, enrichmentArn: enrichment?.lambda.arn ?? '', targetArn: target.arn, ingestionTime: new Date(now()).toISOString() };
  }

  /** A target's `batchItemFailures` must name events of this batch, else the whole batch failed (as AWS reads it). */
  private partial(events: readonly PipeEvent[], failedIds: readonly string[]): PipeOutcome {
    const ids = new Set(events.map(itemIdOf));
    const unknown = failedIds.find((id) => !ids.has(id));
    if (unknown !== undefined) return this.failed(events, `itemIdentifier ${unknown} is not in the batch`);
    this.delivered += events.length - new Set(failedIds).size;
    this.options.logger.warn('pipe target reported failed items', { pipe: this.options.name, records: events.length, failed: failedIds.length });
    return { ok: false, error: `the target reported ${failedIds.length} failed item(s)`, failedIds };
  }

  private failed(events: readonly PipeEvent[], error: string): PipeOutcome {
    this.options.logger.warn('pipe delivery failed', { pipe: this.options.name, records: events.length, error });
    return { ok: false, error };
  }
}

/** Without an input template the target gets the event itself: strings as they are, anything else as JSON. */
function asIs(kind: PipeSourceKind, event: unknown): TargetEvent {
  return { decoded: decodeEvent(kind, event), payload: event, text: typeof event === 'string' ? event : JSON.stringify(event) };
}
