import { describe, expect, it } from 'vitest';
import { consoleLine, endLine, errorLine, exitLine, logGroupName, logStreamName, reportLine, startLine, timeoutLine } from './log-lines.ts';

const ID = '6f1c0c2e-1111-4e5e-9c3a-6d1b2a3c4d5e';
const T = Date.UTC(2024, 4, 1, 12, 0, 3, 45);

describe('Lambda log lines', () => {
  it('names the group after the function and each sandbox stream YYYY/MM/DD/[$LATEST]<32 hex>', () => {
    expect(logGroupName('shop-placeOrder')).toBe('/aws/lambda/shop-placeOrder');
    expect(logStreamName(new Date(T))).toMatch(/^2024\/05\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(logStreamName()).not.toBe(logStreamName());
  });

  it('writes START, END and REPORT as the platform does', () => {
    expect(startLine(ID)).toBe(`START RequestId: ${ID} Version: $LATEST\n`);
    expect(endLine(ID)).toBe(`END RequestId: ${ID}\n`);
    expect(reportLine({ requestId: ID, durationMs: 12.344, memorySizeMb: 128, maxMemoryUsedMb: 67 })).toBe(
      `REPORT RequestId: ${ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\t\n`,
    );
  });

  it('adds Init Duration on a cold start (billed too) and the status of a timeout or a crash', () => {
    expect(reportLine({ requestId: ID, durationMs: 2.5, memorySizeMb: 256, maxMemoryUsedMb: 9, initDurationMs: 150.126 })).toBe(
      `REPORT RequestId: ${ID}\tDuration: 2.50 ms\tBilled Duration: 153 ms\tMemory Size: 256 MB\tMax Memory Used: 9 MB\tInit Duration: 150.13 ms\t\n`,
    );
    expect(reportLine({ requestId: ID, durationMs: 3000.4, memorySizeMb: 128, maxMemoryUsedMb: 9, status: { status: 'timeout' } })).toMatch(/\tStatus: timeout\t\n$/);
    expect(reportLine({ requestId: ID, durationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 9, status: { status: 'error', errorType: 'Runtime.ExitError' } })).toMatch(
      /\tStatus: error\tError Type: Runtime\.ExitError\t\n$/,
    );
  });

  it("formats console calls like the Node.js runtime, keeping a multi-line message in one event", () => {
    expect(consoleLine(T, ID, 'INFO', 'hello world')).toBe(`2024-05-01T12:00:03.045Z\t${ID}\tINFO\thello world\n`);
    expect(consoleLine(T, undefined, 'ERROR', 'a\nb')).toBe('2024-05-01T12:00:03.045Z\tundefined\tERROR\ta\nb\n');
  });

  it('reports errors, timeouts and exits in the runtime and platform wording', () => {
    expect(errorLine(T, ID, 'Invoke Error', { errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at x'] })).toBe(
      `2024-05-01T12:00:03.045Z\t${ID}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom","stack":["Error: boom","    at x"]}\n`,
    );
    expect(timeoutLine(T, ID, 3)).toBe(`2024-05-01T12:00:03.045Z ${ID} Task timed out after 3.00 seconds\n`);
    expect(exitLine(ID, 3)).toBe(`RequestId: ${ID} Error: Runtime exited with error: exit status 3\nRuntime.ExitError\n`);
  });
});
