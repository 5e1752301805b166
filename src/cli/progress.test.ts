import { describe, expect, it } from 'vitest';
import { ApiResponseError } from '../apps/ecommerce/seed/errors.ts';
import { bar, Progress } from './progress.ts';

/** A stream that records what is written: a terminal or not. */
const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, isTTY, write: (text: string) => written.push(text) > 0 };
};

describe('bar', () => {
  it.each([
    [0, '[..........]'],
    [0.5, '[#####.....]'],
    [1, '[##########]'],
    [1.7, '[##########]'],
    [-1, '[..........]'],
  ])('%s → %s', (fraction, drawn) => {
    expect(bar(fraction, 10)).toBe(drawn);
  });
});

describe('Progress', () => {
  it('on a terminal, redraws one line and moves past it before anything else is printed', () => {
    // Prepare
    const out = stream(true);
    const progress = new Progress(out);
    const reporter = progress.reporter();

    // Act
    reporter.sent!(1, 2);
    reporter.failed!('POST /placeOrder ORD9', { url: 'http://x', status: 500, body: '{"message":"Internal Server Error"}' });
    reporter.sent!(2, 2);
    progress.end();
    progress.end();

    // Assess
    expect(out.written).toEqual([
      `\r${bar(0.5)} 1/2 requests sent\u001b[K`,
      '\n',
      'POST /placeOrder ORD9: HTTP 500 {"message":"Internal Server Error"}\n',
      `\r${bar(1)} 2/2 requests sent\u001b[K`,
      '\n',
    ]);
  });

  it('elsewhere, writes plain lines: every 10 requests and the last, each settled count once', () => {
    const out = stream(false);
    const reporter = new Progress(out).reporter();

    for (let done = 1; done <= 12; done++) reporter.sent!(done, 12);
    reporter.settling!({ settled: 3, expected: 5, elapsedMs: 1_400 });
    reporter.settling!({ settled: 3, expected: 5, elapsedMs: 2_400 });
    reporter.settling!({ settled: 5, expected: 5, elapsedMs: 3_600 });

    expect(out.written).toEqual(['sent 10/12\n', 'sent 12/12\n', 'orders settled 3/5 (1s)\n', 'orders settled 5/5 (4s)\n']);
  });

  it('reports a failed poll and that it is retried', () => {
    const out = stream(false);
    new Progress(out).reporter().settling!({ settled: 0, expected: 5, elapsedMs: 0, error: new ApiResponseError('http://x/listOrders', 503, 'busy') });
    expect(out.written).toEqual(['http://x/listOrders answered 503: busy (retrying)\n']);
  });
});
