import { describe, expect, it } from 'vitest';
import type { BusyList, BusyReporter } from './busy.ts';
import { SettleTimeoutError } from './errors.ts';
import { waitUntilSettled } from './settle.ts';

/** A reporter answering `answers` in turn, then its last answer forever; counts the checks. */
function scripted(...answers: BusyList[]): BusyReporter & { checks: number } {
  const reporter = {
    checks: 0,
    busy: () => answers[Math.min(reporter.checks++, answers.length - 1)]!,
  };
  return reporter;
}

describe('waitUntilSettled', () => {
  it('resolves after two quiet checks in a row, not after one', async () => {
    const queue = scripted([], ['queue work: 1 visible'], [], []);

    await waitUntilSettled([queue], { intervalMs: 1 });

    expect(queue.checks).toBe(4);
  });

  it('asks every reporter at each check and is busy when any one is', async () => {
    const queue = scripted(['queue work: 1 in flight'], []);
    const runner = scripted([], ['function ship: 1 invocation running'], []);

    await waitUntilSettled([queue, runner], { intervalMs: 1 });

    expect(queue.checks).toBe(runner.checks);
    expect(queue.checks).toBe(4);
  });

  it('rejects at the timeout with what the last check found busy', async () => {
    const stream = scripted(['stream orders (pipe orders-events): unread records']);
    const queue = scripted(['queue work: 2 in flight']);

    const error = await waitUntilSettled([stream, queue], { timeoutMs: 0, intervalMs: 1 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SettleTimeoutError);
    expect((error as SettleTimeoutError).busy).toEqual(['stream orders (pipe orders-events): unread records', 'queue work: 2 in flight']);
    expect((error as SettleTimeoutError).message).toBe(
      'The local cloud did not settle within 0 ms; still busy: stream orders (pipe orders-events): unread records; queue work: 2 in flight',
    );
  });

  it('quiet at the deadline: a second check decides', async () => {
    const quiet = scripted([]);

    await waitUntilSettled([quiet], { timeoutMs: 0, intervalMs: 1 });

    expect(quiet.checks).toBe(2);
  });
});
