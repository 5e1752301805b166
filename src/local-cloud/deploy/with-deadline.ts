/** Awaits `work` for at most `ms`; a rejection after that goes to `onLateFailure` instead of nowhere. */
export async function withDeadline(work: Promise<void> | void, ms: number, onLate: () => void, onLateFailure: (error: unknown) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let passed = false;
  // Once the deadline passed the race is settled: a rejection of `work` would be dropped silently.
  Promise.resolve(work).catch((error: unknown) => {
    if (passed) onLateFailure(error);
  });
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      passed = true;
      onLate();
      resolve();
    }, ms);
  });
  await Promise.race([work, late]);
  clearTimeout(timer);
}
