/**
 * Checks that `check` keeps holding (neither throws nor returns `false`) for `durationMs`, polling
 * every `intervalMs`: the way to show that something does *not* happen (a paused poller receives
 * nothing), where waiting for an event is impossible. Throws at the first failed check.
 */
export async function holdsFor(check: () => unknown, durationMs: number, intervalMs = 50): Promise<void> {
  const until = Date.now() + durationMs;
  for (;;) {
    if ((await check()) === false) throw new Error('the condition stopped holding');
    if (Date.now() >= until) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
