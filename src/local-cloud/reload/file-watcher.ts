import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Reports changes to a set of files. It watches their directories, not the files: editors often
 * save by writing a new file and renaming it over the old one, which ends a watch on the file
 * itself. One inotify watch per directory (fs.watch, no polling), whatever the number of files.
 */
export class FileWatcher {
  readonly #directories = new Map<string, FSWatcher>();
  #files = new Set<string>();

  constructor(private readonly onChange: (file: string) => void) {}

  /** Replaces the watched set. */
  watch(files: Iterable<string>): void {
    this.#files = new Set(files);
    const needed = new Set([...this.#files].map((file) => dirname(file)));
    for (const [directory, watcher] of this.#directories) {
      if (needed.has(directory)) continue;
      watcher.close();
      this.#directories.delete(directory);
    }
    for (const directory of needed) {
      if (this.#directories.has(directory)) continue;
      try {
        const watcher = watch(directory, { persistent: false }, (_event, name) => {
          const file = name === null ? undefined : join(directory, name.toString());
          if (file !== undefined && this.#files.has(file)) this.onChange(file);
        });
        watcher.on('error', () => this.#forget(directory));
        this.#directories.set(directory, watcher);
      } catch {
        // The directory is gone (a deleted asset folder): nothing in it can change.
      }
    }
  }

  close(): void {
    for (const watcher of this.#directories.values()) watcher.close();
    this.#directories.clear();
  }

  #forget(directory: string): void {
    this.#directories.get(directory)?.close();
    this.#directories.delete(directory);
  }
}
