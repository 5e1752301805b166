import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { runStreamBatch, type DeliveryOutcome, type StreamBatchOptions } from './stream-batch.ts';

const NOW_SECONDS = 1_700_000_000;
const record = (seq: number, ageSeconds = 0): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: String(seq).padStart(4, '0'), ApproximateCreationDateTime: NOW_SECONDS - ageSeconds },
});
const seqs = (records: readonly DynamoDBRecord[]) => records.map((r) => Number(r.dynamodb!.SequenceNumber));

function harness(outcomes: (records: readonly DynamoDBRecord[], call: number) => DeliveryOutcome, overrides: Partial<StreamBatchOptions> = {}) {
  const calls: number[][] = [];
  const checkpoints: number[] = [];
  const discarded: { seqs: number[]; condition: string }[] = [];
  const options: StreamBatchOptions = {
    deliver: async (records, checkpoint) => {
      calls.push(seqs(records));
      const outcome = outcomes(records, calls.length);
      if (outcome.ok) checkpoint(records[records.length - 1]!.dynamodb!.SequenceNumber!);
      return outcome;
    },
    checkpoint: (sequence) => checkpoints.push(Number(sequence)),
    discard: (records, condition) => discarded.push({ seqs: seqs(records), condition }),
    maximumRetryAttempts: 2,
    maximumRecordAgeInSeconds: -1,
    bisectOnError: false,
    retryDelayMs: () => 0,
    now: () => NOW_SECONDS * 1000,
    signal: new AbortController().signal,
    ...overrides,
  };
  return { options, calls, checkpoints, discarded };
}

describe('runStreamBatch', () => {
  it('delivers once and checkpoints the last record on success', async () => {
    const h = harness(() => ({ ok: true }));
    await runStreamBatch([record(1), record(2)], h.options);
    expect(h.calls).toEqual([[1, 2]]);
    expect(h.checkpoints).toEqual([2]);
  });

  it('retries a failing batch, then discards it once retries are exhausted', async () => {
    const h = harness(() => ({ ok: false, error: 'boom' }));
    await runStreamBatch([record(1), record(2)], h.options);
    expect(h.calls).toEqual([[1, 2], [1, 2], [1, 2]]);
    expect(h.discarded).toEqual([{ seqs: [1, 2], condition: 'RetryAttemptsExhausted' }]);
    expect(h.checkpoints).toEqual([2]);
  });

  it('retries from the first reported failure and checkpoints what came before', async () => {
    const h = harness((records, call) => (call === 1 ? { ok: false, partial: true, retryFrom: 1, error: 'item 2' } : { ok: true }));
    await runStreamBatch([record(1), record(2), record(3)], h.options);
    expect(h.calls).toEqual([[1, 2, 3], [2, 3]]);
    expect(h.checkpoints).toEqual([1, 3]);
  });

  it('bisects a whole-batch failure until the poison record is isolated, keeping order', async () => {
    const h = harness((records) => (seqs(records).includes(3) ? { ok: false, error: 'poison' } : { ok: true }), { maximumRetryAttempts: 0, bisectOnError: true });
    await runStreamBatch([record(1), record(2), record(3), record(4)], h.options);
    expect(h.calls).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
    expect(h.discarded).toEqual([{ seqs: [3], condition: 'RetryAttemptsExhausted' }]);
    expect(h.checkpoints).toEqual([2, 3, 4]);
  });

  it('does not bisect a partial failure', async () => {
    const h = harness((records, call) => (call === 1 ? { ok: false, partial: true, retryFrom: 0, error: 'first' } : { ok: true }), { bisectOnError: true });
    await runStreamBatch([record(1), record(2)], h.options);
    expect(h.calls).toEqual([[1, 2], [1, 2]]);
  });

  it('discards records older than the maximum age without delivering them', async () => {
    const h = harness(() => ({ ok: true }), { maximumRecordAgeInSeconds: 60 });
    await runStreamBatch([record(1, 120), record(2, 61), record(3, 10)], h.options);
    expect(h.discarded).toEqual([{ seqs: [1, 2], condition: 'RecordAgeExceeded' }]);
    expect(h.calls).toEqual([[3]]);
    expect(h.checkpoints).toEqual([2, 3]);
  });

  it('with no age limit, discards a record once it is older than the stream retention (24 h)', async () => {
    const h = harness(() => ({ ok: true }), { maximumRecordAgeInSeconds: -1 });
    await runStreamBatch([record(1, 86_401), record(2, 86_399)], h.options);
    expect(h.discarded).toEqual([{ seqs: [1], condition: 'RecordAgeExceeded' }]);
    expect(h.calls).toEqual([[2]]);
  });

  it('retries fresh records with -1 until the signal aborts, leaving the batch un-checkpointed', async () => {
    const abort = new AbortController();
    const h = harness((_records, call) => {
      if (call === 5) abort.abort();
      return { ok: false, error: 'down' };
    }, { maximumRetryAttempts: -1, signal: abort.signal });
    await runStreamBatch([record(1)], h.options);
    expect(h.calls).toHaveLength(5);
    expect(h.checkpoints).toEqual([]);
    expect(h.discarded).toEqual([]);
  });
});
