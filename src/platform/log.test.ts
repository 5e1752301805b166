import { describe, expect, it } from 'vitest';
import { createLogger, MAX_FIELD_CHARS, MAX_LINE_BYTES } from './log.ts';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

describe('log lines are bounded', () => {
  it('cuts a 1 MB string field (and message) to MAX_FIELD_CHARS, noting how much was cut', () => {
    const { lines, logger } = capture();
    const body = 'x'.repeat(1_048_576);

    logger.warn(body, { request: { body }, items: [body] });

    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(Buffer.byteLength(lines[0]!)).toBeLessThan(4 * MAX_FIELD_CHARS);
    expect(entry.message).toBe(`${'x'.repeat(MAX_FIELD_CHARS)}…[cut ${1_048_576 - MAX_FIELD_CHARS} chars]`);
    expect(entry.request.body).toBe(entry.message);
    expect(entry.items[0]).toBe(entry.message);
  });

  it('cuts long error messages and stacks', () => {
    const { lines, logger } = capture();
    logger.error('failed', { error: new Error('e'.repeat(100_000)) });
    const entry = JSON.parse(lines[0]!);
    expect(entry.error.name).toBe('Error');
    expect(entry.error.message).toHaveLength(MAX_FIELD_CHARS + `…[cut ${100_000 - MAX_FIELD_CHARS} chars]`.length);
  });

  it('keeps a line of many short fields under MAX_LINE_BYTES, with its head', () => {
    const { lines, logger } = capture();
    logger.info('many', { ids: Array.from({ length: 100_000 }, (_, i) => `id-${i}`) });
    expect(Buffer.byteLength(lines[0]!)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'info', message: 'many', lineCut: { bytes: expect.any(Number) } });
    expect(entry.lineCut.bytes).toBeGreaterThan(MAX_LINE_BYTES);
    expect(entry.lineCut.head).toMatch(/^\{"level":"info"/);
  });

  it('counts bytes, not characters: a line of 4-byte characters is bounded too', () => {
    const { lines, logger } = capture();
    logger.info('emoji', { parts: Array.from({ length: 20 }, () => '😀'.repeat(4_000)) });
    expect(Buffer.byteLength(lines[0]!)).toBeLessThanOrEqual(MAX_LINE_BYTES);
  });

  it('never throws into the caller: cycles, BigInts and deep nesting give logError', () => {
    const { lines, logger } = capture();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];

    logger.info('cycle', { cycle });
    logger.info('bigint', { n: 1n });
    logger.info('deep', { deep });

    expect(lines.map((line) => JSON.parse(line).logError)).toEqual([
      expect.stringContaining('circular'),
      expect.stringContaining('BigInt'),
      expect.stringContaining('call stack'),
    ]);
  });

  it('ignores a LOG_LEVEL naming an Object.prototype key', () => {
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'constructor';
    try {
      const lines: string[] = [];
      createLogger({ write: (line) => lines.push(line) }).info('shown');
      expect(lines).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
  });
});
