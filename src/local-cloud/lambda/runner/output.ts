import type { OutputSink, RunnerLogger } from './types.ts';

/** Writes handler output to this process, each line prefixed with the function name. */
export const prefixedOutput: OutputSink = (functionName, stream, line) => {
  (stream === 'stdout' ? process.stdout : process.stderr).write(`[${functionName}] ${line}\n`);
};

export const stderrLogger: RunnerLogger = {
  info: () => {},
  warn: (message, fields) => {
    process.stderr.write(`[eventloom lambda] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  },
};

/** Cuts streamed text into lines; `flush` hands over an unterminated rest. */
export class LineSplitter {
  #partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
  }

  flush(): void {
    if (this.#partial.length > 0) this.onLine(this.#partial);
    this.#partial = '';
  }
}
