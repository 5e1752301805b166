import { consoleLine, logGroupName } from './log-lines.ts';
import type { ConsoleLevel, LogSink, OutputSink } from './types.ts';

export interface SandboxLogOptions {
  functionName: string;
  streamName: string;
  /** The terminal (`npm start`'s console), as before log groups existed. */
  output: OutputSink;
  /** CloudWatch Logs; absent, lines only reach `output`. */
  sink: LogSink | undefined;
}

/**
 * Where one sandbox's lines go: the terminal shows what the handler printed, line by line with
 * the function's name, exactly as it always did; the log stream gets Lambda's events (one per
 * `console` call, one per raw line, and the platform's START/END/REPORT, which the terminal never showed).
 */
export class SandboxLog {
  readonly groupName: string;

  constructor(private readonly options: SandboxLogOptions) {
    this.groupName = logGroupName(options.functionName);
  }

  get streamName(): string {
    return this.options.streamName;
  }

  /** One line written straight to stdout/stderr. */
  line(stream: 'stdout' | 'stderr', text: string): void {
    this.options.output(this.options.functionName, stream, text);
    // CloudWatch Logs has no empty events: a blank line shows on the terminal only.
    if (text !== '') this.options.sink?.append(this.groupName, this.options.streamName, Date.now(), `${text}\n`);
  }

  /** One `console.*` call: a line per line on the terminal, one event in the stream. */
  console(level: ConsoleLevel, text: string, timestamp: number, requestId: string | undefined): void {
    const stream = level === 'INFO' || level === 'DEBUG' ? 'stdout' : 'stderr';
    for (const line of text.split('\n')) this.options.output(this.options.functionName, stream, line);
    this.options.sink?.append(this.groupName, this.options.streamName, timestamp, consoleLine(timestamp, requestId, level, text));
  }

  /** A line of Lambda's own (START, END, REPORT, errors, timeouts): the log stream only. */
  platform(message: string, timestamp = Date.now()): void {
    this.options.sink?.append(this.groupName, this.options.streamName, timestamp, message);
  }
}
