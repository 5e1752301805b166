/**
 * Structured JSON logging, one line per entry, shared by app code and the local cloud.
 * Level from `LOG_LEVEL` (debug|info|warn|error|silent, default info).
 *
 * Lines are bounded, so that logging a bad request never costs more than the request: a string
 * value (the message, a field, an error's message or stack, at any depth) is cut after
 * MAX_FIELD_CHARS characters, and a line still over MAX_LINE_BYTES (many fields, long lists) keeps
 * level, time and message and the line's first MAX_FIELD_CHARS characters as `lineCut.head`.
 * Fields that cannot be serialized (a cycle, a BigInt, nesting deep enough to overflow the stack)
 * give `logError` instead of throwing into the caller.
 */

/** Longest string value written, in characters; the rest is replaced by `…[cut N chars]`. */
export const MAX_FIELD_CHARS = 8_192;
/** Longest line written, in UTF-8 bytes. */
export const MAX_LINE_BYTES = 65_536;
export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  child(context: Record<string, unknown>): Logger;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof LEVELS;

export interface LoggerOptions {
  /** Default `process.env.LOG_LEVEL` or `info`. */
  level?: Level;
  /** Fields added to every line (e.g. `{ service: 'orders' }`). */
  context?: Record<string, unknown>;
  /** Default: stderr. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const envLevel = process.env.LOG_LEVEL as Level | undefined;
  const threshold = LEVELS[options.level ?? (envLevel && Object.hasOwn(LEVELS, envLevel) ? envLevel : 'info')];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = options.context ?? {};
  const log = (level: Exclude<Level, 'silent'>) => (message: string, context?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    write(formatLine(level, new Date().toISOString(), message, { ...base, ...context }));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (context) => createLogger({ ...options, context: { ...base, ...context } }),
  };
}

/** One JSON line of at most MAX_LINE_BYTES; never throws. */
export function formatLine(level: string, time: string, message: string, fields: Record<string, unknown>): string {
  let line: string;
  try {
    line = JSON.stringify({ level, time, message, ...fields }, boundedReplacer);
  } catch (error) {
    return JSON.stringify({ level, time, message: cut(message), logError: `fields could not be serialized: ${cut(String(error))}` });
  }
  if (line.length <= MAX_LINE_BYTES / 3 || Buffer.byteLength(line) <= MAX_LINE_BYTES) return line;
  return JSON.stringify({ level, time, message: cut(message), lineCut: { bytes: Buffer.byteLength(line), head: line.slice(0, MAX_FIELD_CHARS) } });
}

function boundedReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return cut(value);
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function cut(text: string): string {
  return text.length <= MAX_FIELD_CHARS ? text : `${text.slice(0, MAX_FIELD_CHARS)}…[cut ${text.length - MAX_FIELD_CHARS} chars]`;
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = createLogger({ level: 'silent' });
