import { activityView, type Activity, type ActivityInput, type ActivityView } from './types.ts';

export interface ActivityFeedOptions {
  /** How many recent steps are kept for the timeline and for tracing a key. Default 5,000. */
  capacity?: number;
  /** ms clock. Default `Date.now`. */
  now?: () => number;
}

export type ActivityListener = (activity: Activity) => void;

/**
 * The local cloud's in-process event bus of activity: services report each step an event takes
 * (`report`), the dashboard listens and searches. Reporting is a push onto a ring buffer plus a
 * call per listener, so services may call it on every send and invocation; a listener that throws
 * is dropped rather than failing the service that reported.
 *
 * @example
 * const feed = new ActivityFeed();
 * const stop = feed.listen((step) => console.error(step.kind, step.to));
 * feed.report({ kind: 'queue-send', from: '', to: 'queue:orders', payload: body });
 * feed.search('ORD-1'); // every kept step whose payload mentions ORD-1
 * stop();
 */
export class ActivityFeed {
  readonly #ring: (Activity | undefined)[];
  readonly #listeners = new Set<ActivityListener>();
  readonly #now: () => number;
  /** Payloads as text, made on a step's first search and dropped with the step. */
  readonly #texts = new WeakMap<Activity, string>();
  #seq = 0;

  constructor(options: ActivityFeedOptions = {}) {
    this.#ring = new Array<Activity | undefined>(options.capacity ?? 5_000);
    this.#now = options.now ?? Date.now;
  }

  report(input: ActivityInput): void {
    const activity: Activity = { ...input, seq: ++this.#seq, at: this.#now() };
    this.#ring[activity.seq % this.#ring.length] = activity;
    for (const listener of this.#listeners) {
      try {
        listener(activity);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }

  /** Calls `listener` with every step reported from now on; returns the function that stops it. */
  listen(listener: ActivityListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** How many listeners are attached (the dashboard's counters, plus one while a page is open). */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** The sequence number of the last step reported (0 before any). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** Kept steps after `afterSeq`, oldest first, at most `limit` (the newest ones). */
  recent(afterSeq = 0, limit = this.#ring.length): Activity[] {
    const first = Math.max(afterSeq + 1, this.#seq - this.#ring.length + 1, this.#seq - limit + 1, 1);
    const kept: Activity[] = [];
    for (let seq = first; seq <= this.#seq; seq++) {
      const activity = this.#ring[seq % this.#ring.length];
      if (activity?.seq === seq) kept.push(activity);
    }
    return kept;
  }

  /** Kept steps whose payload, as JSON, contains `key` (an order id, a request id), oldest first. */
  search(key: string): Activity[] {
    if (key === '') return [];
    return this.recent().filter((activity) => this.#text(activity).includes(key));
  }

  #text(activity: Activity): string {
    let text = this.#texts.get(activity);
    if (text === undefined) this.#texts.set(activity, (text = payloadText(activity.payload)));
    return text;
  }

  /** `recent` without payloads, as the JSON API sends them. */
  views(afterSeq = 0, limit?: number): ActivityView[] {
    return this.recent(afterSeq, limit).map(activityView);
  }
}

function payloadText(payload: unknown): string {
  if (payload === undefined) return '';
  if (typeof payload === 'string') return payload;
  try {
    return JSON.stringify(payload) ?? '';
  } catch {
    return '';
  }
}
