import { activityView, type ActivityFeed, type ActivityView } from '../activity/index.ts';
import type { Overview } from './overview-types.ts';

export interface LiveUpdatesOptions {
  readonly feed: ActivityFeed;
  readonly overview: () => Promise<Overview>;
  /** Activity is sent in batches at most this often. Default 500 ms. */
  readonly flushMs?: number;
  /** While activity flows, the overview is recomputed and sent at most this often. Default 1,000 ms. */
  readonly overviewMs?: number;
  /** With no activity, an overview still goes out this often (queue visibility expiring, a keep-alive). Default 15,000 ms. */
  readonly heartbeatMs?: number;
}

/** A batch carries at most this many steps; a burst beyond is counted as `dropped` (the page says so). */
const MAX_BATCH = 200;
/** Steps sent to a page that connects (or reconnects) before live ones. */
const BACKLOG = 100;
/** Chunks queued for a client that does not read (a frozen tab) before its activity batches are skipped. */
const MAX_QUEUED_CHUNKS = 32;

interface Client {
  send(event: string, data: string, id?: number): boolean;
  close(): void;
}

/**
 * The page's live feed over server-sent events, built to cost the cloud little under load: the
 * feed is only listened to while a page is open; steps are coalesced into one batch per
 * `flushMs`, serialized once for every page; the overview is recomputed at most once per
 * `overviewMs`, and only after something happened (or once per heartbeat).
 */
export class LiveUpdates {
  readonly #clients = new Set<Client>();
  readonly #options: Required<LiveUpdatesOptions>;
  #pending: ActivityView[] = [];
  #dropped = 0;
  #stopListening: (() => void) | undefined;
  #flushTimer: NodeJS.Timeout | undefined;
  #overviewTimer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #lastOverviewAt = 0;
  #overviewRunning = false;
  #overviewAgain = false;

  constructor(options: LiveUpdatesOptions) {
    this.#options = { flushMs: 500, overviewMs: 1_000, heartbeatMs: 15_000, ...options };
  }

  get clients(): number {
    return this.#clients.size;
  }

  /** The `text/event-stream` response of one page; `lastEventId` (a step's seq) resumes after a reconnect. */
  connect(lastEventId: number | undefined, signal: AbortSignal): Response {
    const encoder = new TextEncoder();
    let client: Client | undefined;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          client = {
            send: (event, data, id) => {
              // A page that stopped reading gets overviews (small, latest wins) but no more steps.
              if (event === 'activity' && (controller.desiredSize ?? 1) <= 0) return false;
              controller.enqueue(encoder.encode(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${data}\n\n`));
              return true;
            },
            close: () => controller.close(),
          };
          controller.enqueue(encoder.encode('retry: 2000\n\n'));
          this.#join(client, lastEventId);
        },
        cancel: () => this.#leave(client),
      },
      { highWaterMark: MAX_QUEUED_CHUNKS },
    );
    signal.addEventListener('abort', () => this.#leave(client), { once: true });
    return new Response(body, {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
    });
  }

  /** Sends pages a fresh overview soon (after an action changed something without activity, e.g. a pause). */
  refreshSoon(): void {
    if (this.#clients.size === 0) return;
    const wait = this.#lastOverviewAt + this.#options.overviewMs - Date.now();
    if (wait <= 0) void this.#sendOverview();
    else this.#overviewTimer ??= setTimeout(() => void this.#sendOverview(), wait).unref();
  }

  /** Ends every page's stream (the cloud stops). */
  close(): void {
    for (const client of [...this.#clients]) {
      this.#leave(client);
      try {
        client.close();
      } catch {
        // already closed by the page
      }
    }
  }

  #join(client: Client, lastEventId: number | undefined): void {
    this.#clients.add(client);
    const { feed } = this.#options;
    const backlog = feed.recent(lastEventId ?? 0, BACKLOG).map(activityView);
    client.send('activity', JSON.stringify({ steps: backlog, dropped: 0 }), feed.lastSeq);
    if (this.#clients.size === 1) {
      this.#stopListening = feed.listen((activity) => this.#queue(activityView(activity)));
      this.#heartbeat = setInterval(() => void this.#sendOverview(), this.#options.heartbeatMs).unref();
    }
    void this.#sendOverview([client]);
  }

  #leave(client: Client | undefined): void {
    if (!client || !this.#clients.delete(client) || this.#clients.size > 0) return;
    this.#stopListening?.();
    this.#stopListening = undefined;
    for (const timer of [this.#flushTimer, this.#overviewTimer]) clearTimeout(timer);
    clearInterval(this.#heartbeat);
    this.#flushTimer = this.#overviewTimer = this.#heartbeat = undefined;
    this.#pending = [];
    this.#dropped = 0;
  }

  #queue(view: ActivityView): void {
    this.#pending.push(view);
    if (this.#pending.length > MAX_BATCH) {
      this.#pending.shift();
      this.#dropped++;
    }
    this.#flushTimer ??= setTimeout(() => this.#flush(), this.#options.flushMs).unref();
  }

  #flush(): void {
    this.#flushTimer = undefined;
    const steps = this.#pending;
    const lastSeq = steps.at(-1)?.seq;
    const data = JSON.stringify({ steps, dropped: this.#dropped });
    this.#pending = [];
    this.#dropped = 0;
    for (const client of this.#clients) client.send('activity', data, lastSeq);
    // Counters moved with the activity: an overview now, or once the minimum interval has passed.
    this.refreshSoon();
  }

  async #sendOverview(only?: readonly Client[]): Promise<void> {
    if (this.#overviewRunning) {
      this.#overviewAgain = true;
      return;
    }
    clearTimeout(this.#overviewTimer);
    this.#overviewTimer = undefined;
    this.#overviewRunning = true;
    this.#lastOverviewAt = Date.now();
    try {
      const data = JSON.stringify(await this.#options.overview());
      for (const client of only ?? this.#clients) if (this.#clients.has(client)) client.send('overview', data);
    } catch {
      // A failed read (DynamoDB Local busy) is retried with the next batch or heartbeat.
    } finally {
      this.#overviewRunning = false;
    }
    if (this.#overviewAgain) {
      this.#overviewAgain = false;
      void this.#sendOverview();
    }
  }
}
