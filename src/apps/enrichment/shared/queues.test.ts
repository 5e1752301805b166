import type { BatchResultErrorEntry, SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { BatchEntriesNotSentError, BatchEntriesRefusedError } from './errors.ts';
import { AWS_LIMITS } from '../../../platform/limits.ts';
import { batchGroups, sendAll, type SendBatch } from './queues.ts';

const entries = (count: number): SendMessageBatchRequestEntry[] => Array.from({ length: count }, (_, n) => ({ Id: `e${n}`, MessageBody: `{"n":${n}}` }));
const noSleep = async () => {};

/** A fake queue (the SendBatch port): records each call's entry ids; `fail` decides an entry's failure on a given call. */
function fakeQueue(fail: (id: string, call: number) => Omit<BatchResultErrorEntry, 'Id'> | undefined = () => undefined) {
  const calls: string[][] = [];
  const delivered: string[] = [];
  const send: SendBatch = async (batch) => {
    const call = calls.push(batch.map((entry) => entry.Id!));
    const failed: BatchResultErrorEntry[] = [];
    for (const entry of batch) {
      const failure = fail(entry.Id!, call);
      if (failure) failed.push({ Id: entry.Id!, ...failure });
      else delivered.push(entry.Id!);
    }
    return failed;
  };
  return { send, calls, delivered };
}

const throttled = { SenderFault: false, Code: 'InternalError', Message: 'try again' };
const tooLong = { SenderFault: true, Code: 'InvalidParameterValue', Message: 'message too long' };

describe('sendAll', () => {
  it('sends 10 entries per call, every entry once', async () => {
    const queue = fakeQueue();
    await sendAll(queue.send, entries(25), { concurrency: 2 });
    expect(queue.calls.map((call) => call.length).sort()).toEqual([10, 10, 5]);
    expect(queue.delivered.sort()).toEqual(entries(25).map((e) => e.Id).sort());
  });

  it('re-sends only the entries a call reported failed (not a sender fault) until they go through', async () => {
    // Prepare: e3 and e7 fail their first two calls
    const queue = fakeQueue((id, call) => (['e3', 'e7'].includes(id) && call <= 2 ? throttled : undefined));

    // Act
    await sendAll(queue.send, entries(10), { sleep: noSleep });

    // Assess
    expect(queue.calls).toEqual([entries(10).map((e) => e.Id), ['e3', 'e7'], ['e3', 'e7']]);
    expect(queue.delivered.sort()).toEqual(entries(10).map((e) => e.Id).sort());
  });

  it('gives up after the bounded attempts with a transient error naming the entries', async () => {
    // Prepare
    const queue = fakeQueue((id) => (id === 'e4' ? throttled : undefined));

    // Act
    const sending = sendAll(queue.send, entries(10), { attempts: 3, sleep: noSleep });

    // Assess
    await expect(sending).rejects.toThrow(BatchEntriesNotSentError);
    await expect(sending).rejects.toMatchObject({ transient: true, message: expect.stringContaining('e4: InternalError') });
    expect(queue.calls).toHaveLength(3);
  });

  it('fails at once on a sender fault, with a permanent error, without re-sending', async () => {
    // Prepare
    const queue = fakeQueue((id) => (id === 'e2' ? tooLong : id === 'e5' ? throttled : undefined));

    // Act
    const sending = sendAll(queue.send, entries(10), { sleep: noSleep });

    // Assess
    await expect(sending).rejects.toThrow(BatchEntriesRefusedError);
    await expect(sending).rejects.toMatchObject({ transient: false, message: expect.stringContaining('e2: InvalidParameterValue message too long') });
    expect(queue.calls).toHaveLength(1);
  });

  it('stops the other lanes once one lane fails', async () => {
    // Prepare: 20 calls' worth of entries over 2 lanes; the first call of the first lane is refused
    const queue = fakeQueue((id) => (id === 'e0' ? tooLong : undefined));

    // Act
    await expect(sendAll(queue.send, entries(200), { concurrency: 2, sleep: noSleep })).rejects.toThrow(BatchEntriesRefusedError);

    // Assess: the other lane finishes the call it was in, and sends nothing more
    expect(queue.calls.length).toBeLessThanOrEqual(2);
  });
});

describe('batchGroups', () => {
  const sized = (count: number, bytes: number): SendMessageBatchRequestEntry[] => Array.from({ length: count }, (_, n) => ({ Id: `e${n}`, MessageBody: 'x'.repeat(bytes) }));

  it('keeps each call within 10 entries and 1 MiB of bodies, in order', () => {
    const groups = batchGroups(sized(25, 300_000));
    // 3 × 300,000 bytes fit 1 MiB, a fourth does not.
    expect(groups.map((group) => group.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 1]);
    expect(groups.flat().map((entry) => entry.Id)).toEqual(sized(25, 1).map((entry) => entry.Id));
    for (const group of groups) expect(group.reduce((sum, entry) => sum + entry.MessageBody!.length, 0)).toBeLessThanOrEqual(AWS_LIMITS.sqsBatchBytes);
  });

  it('groups small entries 10 at a time, and an oversized entry alone', () => {
    expect(batchGroups(sized(25, 10)).map((group) => group.length)).toEqual([10, 10, 5]);
    expect(batchGroups([...sized(2, 10), { Id: 'big', MessageBody: 'x'.repeat(2 * AWS_LIMITS.sqsBatchBytes) }]).map((group) => group.length)).toEqual([2, 1]);
  });
});
