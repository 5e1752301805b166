import { describe, expect, it } from 'vitest';
import type { RequestView } from './client.ts';
import { progressLine } from './progress.ts';

const view = (processedBatches: number, status: RequestView['status'] = 'processing'): RequestView => ({
  requestId: 'r',
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  totalBatches: 101,
  processedBatches,
  contactCount: 10_001,
  outputFileKey: null,
});
const at = (seconds: number) => Date.parse('2026-01-01T00:00:00.000Z') + seconds * 1000;

describe('progressLine', () => {
  it('shows the bar, batches, contacts/s, elapsed time and status', () => {
    expect(progressLine(view(34), at(2))).toBe('[##########--------------------]  34/101 batches  1,700 contacts/s  2.0 s  processing');
  });

  it('counts every contact once all batches are done', () => {
    expect(progressLine(view(101, 'completed'), at(10))).toBe('[##############################] 101/101 batches  1,000 contacts/s  10.0 s  completed');
  });

  it('starts empty', () => {
    expect(progressLine(view(0), at(0))).toBe('[------------------------------]   0/101 batches  0 contacts/s  0.0 s  processing');
  });
});
