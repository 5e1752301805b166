/** What the local cloud reports as it moves events: one entry per step of an event's path. */
export const ACTIVITY_KINDS = ['stream-record', 'pipe-delivery', 'rule-match', 'queue-send', 'invocation', 'retry', 'dlq-move', 'message-move'] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type ActivityOutcome = 'ok' | 'error' | 'timeout' | 'throttled';

/**
 * One step as a service reports it. Participants are `<kind>:<name>` (`table:shop-store`,
 * `pipe:shop-storeToBus`, `bus:shop-events`, `rule:shop-sync`, `queue:shop-syncQueue`,
 * `function:shop-sync`, `api:shop-orders`, `bucket:…`, `kinesis:…`, `client`); `from` is empty when
 * the reporting service cannot know the sender (a queue send), and the trace infers it.
 */
export interface ActivityInput {
  readonly kind: ActivityKind;
  readonly from: string;
  readonly to: string;
  /** Records, messages or events in the step (a batch); default 1. */
  readonly count?: number;
  readonly durationMs?: number;
  readonly outcome?: ActivityOutcome;
  /** A short human detail: an event name, an error type, `attempt 3`. */
  readonly note?: string;
  /**
   * What the step carried, kept by reference and only turned into text when searched for a
   * business key, so that reporting costs nothing more than a push onto a ring buffer.
   */
  readonly payload?: unknown;
}

export interface Activity extends ActivityInput {
  /** Increases by one per reported step, for the page to resume from. */
  readonly seq: number;
  /** ms since epoch when the step ended (an invocation started `durationMs` earlier). */
  readonly at: number;
}

/** An activity as the JSON API and the page's live feed carry it: everything but the payload. */
export type ActivityView = Omit<Activity, 'payload'>;

export function activityView(activity: Activity): ActivityView {
  const { payload: _payload, ...view } = activity;
  return view;
}
