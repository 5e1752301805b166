import { describe, expect, it } from 'vitest';
import { Slots } from './slots.ts';

describe('Slots', () => {
  it('grants up to the limit, then queues callers first come first served', async () => {
    // Prepare
    const slots = new Slots(1);
    const order: string[] = [];

    // Act
    await slots.acquire();
    const second = slots.acquire().then(() => order.push('second'));
    const third = slots.acquire().then(() => order.push('third'));
    slots.release();
    await second;
    slots.release();
    await third;

    // Assess
    expect(order).toEqual(['second', 'third']);
    expect(slots.running).toBe(1);
  });

  it('tryAcquire refuses when every slot is held', () => {
    const slots = new Slots(2);

    expect([slots.tryAcquire(), slots.tryAcquire(), slots.tryAcquire()]).toEqual([true, true, false]);
    slots.release();
    expect(slots.tryAcquire()).toBe(true);
  });

  it('an aborted wait leaves the queue without taking a slot', async () => {
    // Prepare
    const slots = new Slots(1);
    await slots.acquire();
    const controller = new AbortController();

    // Act
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('shutting down'));

    // Assess
    await expect(waiting).rejects.toThrow('shutting down');
    slots.release();
    expect(slots.running).toBe(0);
  });

  it('rejectWaiters fails everyone still waiting', async () => {
    const slots = new Slots(1);
    await slots.acquire();

    const waiting = slots.acquire();
    slots.rejectWaiters(new Error('closed'));

    await expect(waiting).rejects.toThrow('closed');
  });
});
