import { CLIENT, type Activity, type ActivityKind, type ActivityOutcome } from '../activity/index.ts';

/** One arrow of a sequence diagram. */
export interface TraceStep {
  readonly seq: number;
  readonly kind: ActivityKind;
  readonly from: string;
  readonly to: string;
  /** ms after the trace's first step began. */
  readonly offsetMs: number;
  /** ms since epoch when the step began. */
  readonly startedAt: number;
  readonly durationMs?: number;
  readonly outcome?: ActivityOutcome;
  readonly note?: string;
  readonly count?: number;
}

/** `GET /_eventloom/api/trace?key=…`: the path of a business key as a sequence diagram. */
export interface Trace {
  readonly key: string;
  /** Columns of the diagram, in order of first appearance. */
  readonly participants: readonly string[];
  readonly steps: readonly TraceStep[];
  /** From the first step's start to the last step's end, ms. */
  readonly totalMs: number;
}

/** What the trace needs to know of the cloud: which queues and functions each rule targets. */
export interface TraceContext {
  /** Participants a rule (`rule:<name>`) delivers to. */
  ruleTargets(rule: string): readonly string[];
}

/** A rule's send to a queue is reported inside its transaction, its match once that commits: ms apart. */
const MATCH_WINDOW_MS = 1_000;

/** Steps that began in the same millisecond are drawn in causal order: read, deliver, match, send, invoke. */
const RANK: Record<ActivityKind, number> = { 'stream-record': 0, 'pipe-delivery': 1, 'rule-match': 2, 'queue-send': 3, 'message-move': 3, invocation: 4, retry: 5, 'dlq-move': 6 };

/**
 * Turns the activity that mentions a key into a sequence diagram: steps ordered by when they
 * began (an invocation is reported when it ends); a queue send's unknown sender is the rule that
 * targets the queue and matched the event at the same moment (drawn right after that match), else
 * the function running when it was sent, else a client.
 */
export function buildTrace(key: string, activities: readonly Activity[], context: TraceContext): Trace {
  const began = (activity: Activity) => activity.at - (activity.durationMs ?? 0);
  const placed = activities.map((activity) => ({ activity, from: activity.from, at: began(activity), rank: RANK[activity.kind], order: activity.seq }));
  const matches = activities.filter((activity) => activity.kind === 'rule-match');
  for (const entry of placed) {
    if (entry.from !== '' || entry.activity.kind !== 'queue-send') continue;
    const match = nearest(matches.filter((m) => context.ruleTargets(m.to).includes(entry.activity.to)), entry.activity.at);
    if (match) Object.assign(entry, { from: match.to, at: began(match), rank: RANK['rule-match'], order: match.seq + 0.5 });
  }
  placed.sort((a, b) => a.at - b.at || a.rank - b.rank || a.order - b.order);
  const first = placed[0]?.at ?? 0;
  const steps: TraceStep[] = [];
  for (const { activity, from, at } of placed) {
    steps.push({
      seq: activity.seq,
      kind: activity.kind,
      from: from === '' ? runningFunction(activity, steps) : from,
      to: activity.to,
      offsetMs: at - first,
      startedAt: at,
      ...(activity.durationMs !== undefined && { durationMs: activity.durationMs }),
      ...(activity.outcome !== undefined && { outcome: activity.outcome }),
      ...(activity.note !== undefined && { note: activity.note }),
      ...(activity.count !== undefined && activity.count !== 1 && { count: activity.count }),
    });
  }
  const participants: string[] = [];
  for (const step of steps) for (const name of [step.from, step.to]) if (!participants.includes(name)) participants.push(name);
  const end = Math.max(first, ...activities.map((activity) => activity.at));
  return { key, participants, steps, totalMs: steps.length > 0 ? end - first : 0 };
}

function nearest(candidates: readonly Activity[], at: number): Activity | undefined {
  let best: Activity | undefined;
  for (const candidate of candidates) {
    const distance = Math.abs(candidate.at - at);
    if (distance <= MATCH_WINDOW_MS && (!best || distance < Math.abs(best.at - at))) best = candidate;
  }
  return best;
}

/** A send nobody else explains came from the function running at that moment, else from a client. */
function runningFunction(activity: Activity, earlier: readonly TraceStep[]): string {
  const running = earlier.findLast((step) => step.kind === 'invocation' && step.startedAt <= activity.at && step.startedAt + (step.durationMs ?? 0) >= activity.at);
  return running?.to ?? CLIENT;
}
