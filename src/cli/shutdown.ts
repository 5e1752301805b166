/** A second signal this soon after the first is the same Ctrl-C: the terminal and npm each deliver it. */
const SAME_SIGNAL_WINDOW_MS = 1_000;
const PARENT_CHECK_MS = 250;

export interface ShutdownOptions {
  log?: (line: string) => void;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Stops the cloud once, then exits 0: on SIGINT or SIGTERM, and — when npm started this process
 * (`npm start`, `npx eventloom`) — when that npm is gone. npm forwards SIGINT and SIGTERM only to
 * the `sh -c` it runs a script or a bin through; that shell dies without passing them on, so without
 * watching the parent a signal to npm's PID would leave the cloud and its JVM running. A second
 * signal (not the duplicate of the first) exits at once, without waiting for running invocations.
 */
export function stopOnShutdown(stop: () => Promise<void>, options: ShutdownOptions = {}): void {
  const log = options.log ?? ((line: string) => console.log(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let firstAt: number | undefined;
  const shutdown = async (reason: string, forcible: boolean) => {
    if (firstAt !== undefined) {
      if (!forcible || Date.now() - firstAt < SAME_SIGNAL_WINDOW_MS) return;
      log(`${reason} again: exiting without waiting for running invocations.`);
      return exit(1);
    }
    firstAt = Date.now();
    log(`\n${reason}: stopping the local cloud…`);
    await stop();
    log('stopped');
    exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', true));
  process.on('SIGTERM', () => void shutdown('SIGTERM', true));
  if (process.env.npm_lifecycle_event !== undefined) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('npm exited', false);
    }, PARENT_CHECK_MS).unref();
  }
}
