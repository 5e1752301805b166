import { Debouncer } from './debounce.ts';
import { FileWatcher } from './file-watcher.ts';

/** A set of watched files whose changes are handed over in one batch once a burst of saves is over. */
export class WatchedFiles {
  readonly #watcher: FileWatcher;
  readonly #changes: Debouncer<string>;

  constructor(quietMs: number, onChanges: (files: readonly string[]) => Promise<void>) {
    this.#watcher = new FileWatcher((file) => this.#changes.add(file));
    this.#changes = new Debouncer(quietMs, onChanges);
  }

  /** Replaces the watched set. */
  watch(files: Iterable<string>): void {
    this.#watcher.watch(files);
  }

  /** Resolves once the changes seen so far are handled (tests). */
  idle(): Promise<void> {
    return this.#changes.idle();
  }

  close(): void {
    this.#changes.close();
    this.#watcher.close();
  }
}
