/** Exponential delay between `min` and `max` ms: doubles on every `next()`, back to `min` on `reset()`. */
export class Backoff {
  private current: number;

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {
    this.current = min;
  }

  next(): number {
    const delay = this.current;
    this.current = Math.min(this.max, this.current * 2);
    return delay;
  }

  reset(): void {
    this.current = this.min;
  }
}

/** A sleep that `wake()` cuts short; a wake-up that comes while awake makes the next sleep return at once. */
export class Waker {
  private wakeUp: (() => void) | undefined;
  private pending = false;

  sleep(ms: number): Promise<void> {
    if (this.pending || ms <= 0) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // A forgotten reader must not keep the process alive.
      const timer = setTimeout(() => this.wakeUp?.(), ms).unref();
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pending = true;
  }
}
