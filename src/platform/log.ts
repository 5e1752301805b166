/**
 * Structured JSON logging, one line per entry, shared by app code and the local cloud.
 * Level from `LOG_LEVEL` (debug|info|warn|error|silent, default info).
 */
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
  const threshold = LEVELS[options.level ?? (envLevel && envLevel in LEVELS ? envLevel : 'info')];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = options.context ?? {};
  const log = (level: Exclude<Level, 'silent'>) => (message: string, context?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    write(JSON.stringify({ level, time: new Date().toISOString(), message, ...base, ...context }, errorReplacer));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (context) => createLogger({ ...options, context: { ...base, ...context } }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = createLogger({ level: 'silent' });
