/**
 * What a paused event source mapping waits at: open, pollers pass; closed, they wait until it opens
 * again or their signal aborts (the mapping stops).
 */
export class Gate {
  #open: boolean;
  #waiters: (() => void)[] = [];

  constructor(open = true) {
    this.#open = open;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  open(): void {
    this.#open = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  close(): void {
    this.#open = false;
  }

  wait(signal: AbortSignal): Promise<void> {
    if (this.#open || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.#waiters.push(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
