import { setTimeout as sleep } from 'node:timers/promises';
import type { Random } from './random.ts';

/** Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^attempt)). */
export function backoffDelayMs(attempt: number, random: Random, baseMs = 50, capMs = 5_000): number {
  return random() * Math.min(capMs, baseMs * 2 ** attempt);
}

export async function backoff(attempt: number, random: Random, baseMs?: number): Promise<void> {
  await sleep(backoffDelayMs(attempt, random, baseMs));
}
