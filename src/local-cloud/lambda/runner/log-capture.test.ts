import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionRunner } from './function-runner.ts';
import type { FunctionConfig, LogSink } from './types.ts';

const fixture = (file: string) => fileURLToPath(new URL(`../../../../test/fixtures/functions/${file}`, import.meta.url));

interface Event {
  group: string;
  stream: string;
  timestamp: number;
  message: string;
}

const events: Event[] = [];
const sink: LogSink = { append: (group, stream, timestamp, message) => events.push({ group, stream, timestamp, message }) };
const terminal: string[] = [];
const runner = new FunctionRunner({ logSink: sink, output: (name, stream, line) => terminal.push(`${name} ${stream} ${line}`) });

function register(name: string, file: string, overrides: Partial<FunctionConfig> = {}): void {
  runner.register({ name, modulePath: fixture(file), exportName: 'handler', environment: {}, timeoutSeconds: 3, memoryMb: 128, ...overrides });
}

register('logger', 'logger.ts');
register('sleepy', 'sleep.ts', { timeoutSeconds: 1 });
register('fail', 'fail.ts');
register('missing', 'fail.ts', { exportName: 'nope' });
afterAll(() => runner.close());

/** The messages of one invocation, START to REPORT, found by its START line's request id. */
function invocation(group: string, index = 0): { requestId: string; messages: string[]; stream: string } {
  const starts = events.filter((event) => event.group === group && event.message.startsWith('START RequestId: '));
  const start = starts[index]!;
  const requestId = /START RequestId: (\S+)/.exec(start.message)![1]!;
  const from = events.indexOf(start);
  const to = events.findIndex((event, at) => at > from && event.group === group && event.message.startsWith(`REPORT RequestId: ${requestId}`));
  return { requestId, stream: start.stream, messages: events.slice(from, to + 1).filter((event) => event.group === group).map((event) => event.message) };
}

const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

describe('Lambda log capture', () => {
  it("writes START, the handler's lines in the runtime's format, END and REPORT to the function's group", async () => {
    // Act
    await runner.invoke('logger', {});

    // Assess
    const { requestId, stream, messages } = invocation('/aws/lambda/logger');
    expect(stream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const line = (level: string, text: string) => expect.stringMatching(new RegExp(`^${ISO}\\t${requestId}\\t${level}\\t${text}\\n$`));
    expect(messages).toEqual([
      `START RequestId: ${requestId} Version: $LATEST\n`,
      line('INFO', 'hello world'),
      line('INFO', "\\{ orderId: 'o-1' \\}"),
      line('WARN', 'careful: stock low'),
      line('ERROR', 'payment failed:\\n  card declined'),
      line('DEBUG', 'details'),
      'raw line\n',
      '{"level":"ERROR","count":7,"message":"structured"}\n',
      '{"level":"INFO","count":2,"message":"structured"}\n',
      `END RequestId: ${requestId}\n`,
      expect.stringMatching(
        new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\t\\n$`),
      ),
    ]);
    // What the module printed while loading carries no request id, and comes first.
    expect(events.find((event) => event.message.includes('module loaded'))?.message).toMatch(new RegExp(`^${ISO}\\tundefined\\tINFO\\tmodule loaded\\n$`));
  });

  it('keeps the terminal output as before: each printed line, prefixed by the function, on stdout or stderr', () => {
    expect(terminal).toEqual(
      expect.arrayContaining([
        'logger stdout hello world',
        "logger stdout { orderId: 'o-1' }",
        'logger stderr careful: stock low',
        'logger stderr payment failed:',
        'logger stderr   card declined',
        'logger stdout raw line',
      ]),
    );
    expect(terminal.some((line) => line.includes('START RequestId'))).toBe(false);
  });

  it('a warm invocation reuses the stream and reports no Init Duration', async () => {
    await runner.invoke('logger', {});

    const warm = invocation('/aws/lambda/logger', 1);
    expect(warm.stream).toBe(invocation('/aws/lambda/logger', 0).stream);
    expect(warm.messages.at(-1)).not.toContain('Init Duration');
  });

  it("logs a handler's error as the runtime's Invoke Error line", async () => {
    await runner.invoke('fail', { mode: 'throw' });

    const { requestId, messages } = invocation('/aws/lambda/fail');
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`\\t${requestId}\\tERROR\\tInvoke Error \\t\\{"errorType":"OrderRejectedError","errorMessage":"out of stock","stack":\\[`)));
    expect(messages.at(-1)).not.toContain('Status:');
  });

  it('logs a crash with the uncaught exception, the exit and Status: error', async () => {
    await runner.invoke('fail', { mode: 'uncaught' });

    const { requestId, messages } = invocation('/aws/lambda/fail', 1);
    expect(messages).toContainEqual(expect.stringMatching(/\tERROR\tUncaught Exception \t\{"errorType":"TypeError","errorMessage":"escaped the handler"/));
    expect(messages).toContainEqual(`RequestId: ${requestId} Error: Runtime exited with error: exit status 129\nRuntime.ExitError\n`);
    expect(messages.at(-1)).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError\t\n$/);
  });

  it('logs a timeout as AWS does', async () => {
    await runner.invoke('sleepy', { ms: 5_000 });

    const { requestId, messages } = invocation('/aws/lambda/sleepy');
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^${ISO} ${requestId} Task timed out after 1\\.00 seconds\\n$`)));
    expect(messages.at(-2)).toBe(`END RequestId: ${requestId}\n`);
    expect(messages.at(-1)).toMatch(/\tStatus: timeout\t\n$/);
  });

  it('logs an init failure before START and reports it', async () => {
    await runner.invoke('missing', {});

    const { messages } = invocation('/aws/lambda/missing');
    const failure = events.find((event) => event.group === '/aws/lambda/missing' && event.message.includes('Uncaught Exception'));
    expect(failure?.message).toMatch(/\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.HandlerNotFound"/);
    expect(messages.at(-1)).toMatch(/\tInit Duration: [\d.]+ ms\tStatus: error\tError Type: Runtime\.HandlerNotFound\t\n$/);
  });
});
