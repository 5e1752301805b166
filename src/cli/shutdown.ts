/** A second signal this soon after the first is the same Ctrl-C: the terminal and npm each deliver it. */
const SAME_SIGNAL_WINDOW_MS = 1_000;
const PARENT_CHECK_MS = 250;
/** Taken as this module loads, before anything slow: npm's shell may die (and this process be reparented) at any time after. */
const PARENT_AT_START = process.ppid;

export interface ShutdownOptions {
  log?: (line: string) => void;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
  /** Default: this process's parent as this module loaded. */
  parentPid?: number;
  /** Default: whether npm started this process (`npm_lifecycle_event` is set). */
  watchParent?: boolean;
  /** Where SIGINT and SIGTERM come from; default `process`. */
  signals?: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  /** This process's parent now; default `process.ppid`. */
  currentParent?: () => number;
  /** How often the parent is checked; default 250 ms. */
  parentCheckMs?: number;
}

export interface Shutdown {
  /** What stopping means once the cloud runs; a signal that came before it stops at once. */
  onStop(stop: () => Promise<void>): void;
}

/**
 * Handles SIGINT and SIGTERM — and, when npm started this process (`npm start`, `npx eventloom`), npm
 * going away — from the moment it is called: install it before starting anything. Once `onStop` has
 * a stop, the first of these stops the cloud and exits 0; before that (the cloud still starting) it
 * exits at once with 128 + the signal number (DynamoDB Local dies with this process). npm forwards
 * SIGINT and SIGTERM only to the `sh -c` it runs a script or a bin through; that shell dies without
 * passing them on, so without watching the parent a signal to npm's PID would leave the cloud and its
 * JVM running. A second signal (not the duplicate of the first) exits at once, without waiting for
 * running invocations.
 */
export function stopOnShutdown(options: ShutdownOptions = {}): Shutdown {
  const log = options.log ?? ((line: string) => console.log(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stop: (() => Promise<void>) | undefined;
  let firstAt: number | undefined;
  const shutdown = async (reason: string, exitCodeWhileStarting: number, forcible: boolean) => {
    if (firstAt !== undefined) {
      if (!forcible || Date.now() - firstAt < SAME_SIGNAL_WINDOW_MS) return;
      log(`${reason} again: exiting without waiting for running invocations.`);
      return exit(1);
    }
    firstAt = Date.now();
    if (stop === undefined) {
      log(`\n${reason} while starting: exiting.`);
      return exit(exitCodeWhileStarting);
    }
    log(`\n${reason}: stopping the local cloud…`);
    await stop();
    log('stopped');
    exit(0);
  };
  const signals = options.signals ?? process;
  signals.on('SIGINT', () => void shutdown('SIGINT', 130, true));
  signals.on('SIGTERM', () => void shutdown('SIGTERM', 143, true));
  if (options.watchParent ?? process.env.npm_lifecycle_event !== undefined) {
    const parent = options.parentPid ?? PARENT_AT_START;
    const currentParent = options.currentParent ?? (() => process.ppid);
    setInterval(() => {
      if (currentParent() !== parent) void shutdown('npm exited', 129, false);
    }, options.parentCheckMs ?? PARENT_CHECK_MS).unref();
  }
  return {
    onStop(stopCloud) {
      stop = stopCloud;
    },
  };
}
