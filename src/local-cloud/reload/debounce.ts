/**
 * Collects items and hands them over in one batch once none has come for `quietMs` (an editor's
 * save, a formatter and a `git checkout` each write several files at once). Batches never overlap:
 * items arriving while `flush` runs go into the next one.
 */
export class Debouncer<T> {
  readonly #pending = new Set<T>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly quietMs: number,
    private readonly flush: (items: readonly T[]) => Promise<void>,
  ) {}

  add(item: T): void {
    this.#pending.add(item);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), this.quietMs);
  }

  /** Resolves once every batch handed over so far has been handled. */
  idle(): Promise<void> {
    return this.#running;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#pending.clear();
  }

  #run(): void {
    this.#running = this.#running.then(async () => {
      const items = [...this.#pending];
      this.#pending.clear();
      if (items.length > 0) await this.flush(items);
    });
  }
}
