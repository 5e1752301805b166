import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../platform/log.ts';
import { serviceRecord } from './fixtures.ts';
import { processInOrder } from './process-in-order.ts';

const records = ['1', '2', '3'].map((seq) => serviceRecord('INSERT', { accountId: 'a', serviceId: seq }, seq));

describe('processInOrder', () => {
  it('reports no failures when every record succeeds', async () => {
    const seen: string[] = [];
    const response = await processInOrder(records, async (record) => void seen.push(record.dynamodb!.SequenceNumber!), silentLogger);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('reports the first failed record by sequence number and leaves the later ones alone', async () => {
    const seen: string[] = [];
    const response = await processInOrder(
      records,
      async (record) => {
        const seq = record.dynamodb!.SequenceNumber!;
        if (seq === '2') throw new Error('throttled');
        seen.push(seq);
      },
      silentLogger,
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(seen).toEqual(['1']);
  });
});
