/** A throttled action: call it as often as wanted; `cancel()` drops a run still waiting. */
export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * `action` at most once per `intervalMs`. The first call runs at once; a call inside the interval is
 * not dropped but deferred to the interval's end, where one run stands for every call made meanwhile.
 * A wake-up that was merely skipped would leave the last write of a burst unread until an idle poll.
 *
 * @example
 * const wake = throttle(20, () => reader.notify());
 * wake(); // runs now
 * wake(); // runs 20 ms after the first
 */
export function throttle(intervalMs: number, action: () => void, now: () => number = performance.now.bind(performance)): Throttled {
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    timer = undefined;
    lastRun = now();
    action();
  };
  const throttled = () => {
    if (timer) return;
    const wait = lastRun + intervalMs - now();
    if (wait <= 0) run();
    // Unreferenced: a pending wake-up must not keep a stopped cloud's process alive.
    else timer = setTimeout(run, wait).unref();
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
