import type { SeedReporter } from '../apps/ecommerce/seed/seed.ts';

/** A one-line bar redrawn with `\r` on a terminal; plain lines every 10 requests otherwise. */
export class Progress {
  private open = false;

  constructor(private readonly stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>) {}

  reporter(): SeedReporter {
    let lastSettled = -1;
    return {
      sent: (done, total) => {
        if (this.stream.isTTY) return this.draw(`${bar(done / total)} ${done}/${total} requests sent`);
        if (done % 10 === 0 || done === total) this.stream.write(`sent ${done}/${total}\n`);
      },
      failed: (label, response) => {
        this.end();
        this.stream.write(`${label}: HTTP ${response.status} ${response.body}\n`);
      },
      settling: ({ settled, expected, elapsedMs, error }) => {
        if (error) {
          this.end();
          return void this.stream.write(`${error.message} (retrying)\n`);
        }
        const text = `orders settled ${settled}/${expected} (${Math.round(elapsedMs / 1000)}s)`;
        if (this.stream.isTTY) return this.draw(`${bar(settled / expected)} ${text}`);
        if (settled !== lastSettled) this.stream.write(`${text}\n`);
        lastSettled = settled;
      },
    };
  }

  /** Moves past the bar so the next output starts on a fresh line. */
  end(): void {
    if (this.open) this.stream.write('\n');
    this.open = false;
  }

  private draw(text: string): void {
    this.stream.write(`\r${text}\u001b[K`);
    this.open = true;
  }
}

/** `[####......]`, `fraction` of `width` filled (clamped to 0–1). */
export function bar(fraction: number, width = 30): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
