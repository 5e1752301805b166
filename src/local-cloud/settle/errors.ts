import type { BusyList } from './busy.ts';

/** `settled()` ran out of time; `busy` names what was still working at the last check. */
export class SettleTimeoutError extends Error {
  override readonly name = 'SettleTimeoutError';
  readonly busy: BusyList;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, busy: BusyList) {
    super(`The local cloud did not settle within ${timeoutMs} ms; still busy: ${busy.join('; ')}`);
    this.busy = busy;
    this.timeoutMs = timeoutMs;
  }
}
