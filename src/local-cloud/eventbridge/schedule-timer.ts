/**
 * The clock schedules run on. Scheduled rules and EventBridge Scheduler read the time from it and
 * ask it how long to sleep, so a test can run a `rate(1 minute)` schedule on a faster clock.
 */
export interface ScheduleClock {
  now(): number;
  /** Real milliseconds until the clock reads `at` (≤ 0 when it already does). */
  delayUntil(at: number): number;
}

export const systemClock: ScheduleClock = { now: () => Date.now(), delayUntil: (at) => at - Date.now() };

/**
 * A clock that starts at `start` (default now) and runs `speed` times faster than real time: at
 * speed 60 a schedule minute passes in one real second. For tests.
 *
 * @example
 * startLocalCloud({ apps, scheduleClock: acceleratedClock({ speed: 120, start: Date.parse('2030-01-01T00:04:58Z') }) });
 */
export function acceleratedClock(options: { speed: number; start?: number }): ScheduleClock {
  const origin = Date.now();
  const start = options.start ?? origin;
  const now = () => start + (Date.now() - origin) * options.speed;
  return { now, delayUntil: (at) => (at - now()) / options.speed };
}

/** Longest single sleep: a later wake-up re-reads the clock (and stays under setTimeout's 2^31 ms limit). */
const MAX_SLEEP_MS = 60_000;

/**
 * One unref'd timer for the earliest due time of many schedules (never a poll loop per schedule):
 * the owner calls `arm(earliest)` whenever the earliest due time may have changed.
 */
export class DueTimer {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly clock: ScheduleClock,
    private readonly onDue: () => void,
  ) {}

  arm(dueAt: number | undefined): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (dueAt === undefined || this.closed) return;
    const delay = Math.min(Math.max(0, Math.ceil(this.clock.delayUntil(dueAt))), MAX_SLEEP_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) this.onDue();
    }, delay);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}
