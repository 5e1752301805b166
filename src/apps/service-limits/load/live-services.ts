/**
 * The client's own count of live services: +1 on each 201 create, −1 on each 200 delete. Unlike the
 * two counters (best-effort under-counts by design, eventual lags), it sees every service the API
 * let exist at once, so its maximum is what the limit check is judged by.
 */
export class LiveServices {
  private current = 0;
  private highest = 0;

  created(): void {
    this.current++;
    this.highest = Math.max(this.highest, this.current);
  }

  deleted(): void {
    this.current--;
  }

  get live(): number {
    return this.current;
  }

  get maxLive(): number {
    return this.highest;
  }
}

/** How far the most services live at once went past the limit (0 when they never did). */
export function limitOvershoot(maxLive: number, limit: number): number {
  return Math.max(0, maxLive - limit);
}
