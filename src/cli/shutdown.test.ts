import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/wait-for.ts';
import { stopOnShutdown } from './shutdown.ts';

function harness(options: { parentPid?: number; currentParent?: () => number } = {}) {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const exits: number[] = [];
  const shutdown = stopOnShutdown({
    signals,
    log: (line) => lines.push(line.trim()),
    exit: (code) => void exits.push(code),
    watchParent: options.currentParent !== undefined,
    ...(options.parentPid !== undefined && { parentPid: options.parentPid }),
    ...(options.currentParent !== undefined && { currentParent: options.currentParent, parentCheckMs: 5 }),
  });
  return { signals, lines, exits, shutdown };
}

describe('stopOnShutdown', () => {
  it('stops the cloud once on SIGTERM and exits 0', async () => {
    const { signals, lines, exits, shutdown } = harness();
    let stops = 0;
    shutdown.onStop(async () => void stops++);

    signals.emit('SIGTERM');
    signals.emit('SIGINT');

    await waitFor(() => exits.length > 0, { timeoutMs: 1_000, description: 'exit' });
    expect(stops).toBe(1);
    expect(exits).toEqual([0]);
    expect(lines).toEqual(['SIGTERM: stopping the local cloud…', 'stopped']);
  });

  it('a signal before the cloud runs exits at once with 128 + the signal number', () => {
    const { signals, lines, exits } = harness();

    signals.emit('SIGINT');

    expect(exits).toEqual([130]);
    expect(lines).toEqual(['SIGINT while starting: exiting.']);
  });

  it('notices npm gone even when it went before the stop was known (the parent is the one at start)', async () => {
    let parent = 4242;
    const { exits, lines, shutdown } = harness({ parentPid: 4242, currentParent: () => parent });
    parent = 1;
    await waitFor(() => exits.length > 0, { timeoutMs: 1_000, description: 'exit while starting' });
    expect(exits).toEqual([129]);
    expect(lines).toEqual(['npm exited while starting: exiting.']);
    shutdown.onStop(async () => undefined);
  });

  it('a second signal after the same-Ctrl-C window exits 1 without waiting for the stop', async () => {
    const { signals, exits, shutdown } = harness();
    shutdown.onStop(() => new Promise(() => undefined));
    const realNow = Date.now;
    signals.emit('SIGINT');
    Date.now = () => realNow() + 5_000;
    try {
      signals.emit('SIGINT');
    } finally {
      Date.now = realNow;
    }
    expect(exits).toEqual([1]);
  });
});
