import { invalidParameter } from './errors.ts';

/** Chaos settings of one function; every field optional, 0 (off) by default. */
export interface FaultSettings {
  /** Share of invocations that fail with `EventloomInjectedFault` instead of running the handler, 0–1. */
  readonly errorRate: number;
  /** Added before the handler runs (holding the execution slot, as a slow start does), 0–60,000 ms. */
  readonly latencyMs: number;
  /** Share of invocations run a second time with the same event (an at-least-once duplicate delivery), 0–1. */
  readonly duplicateRate: number;
}

/** What one invocation gets, drawn from its function's settings. */
export interface FaultDraw {
  readonly error: boolean;
  readonly latencyMs: number;
  readonly duplicate: boolean;
  readonly settings: FaultSettings;
}

export const MAX_FAULT_LATENCY_MS = 60_000;

/**
 * Per-function fault injection for chaos testing: an error rate, added latency, duplicate delivery.
 * Settings live in memory only, so a restart of the cloud turns every fault off.
 *
 * @example
 * const faults = new FaultInjector();
 * faults.set('payments', { errorRate: 0.5 });
 * faults.draw('payments'); // { error: true|false, latencyMs: 0, duplicate: false, settings }
 */
export class FaultInjector {
  readonly #settings = new Map<string, FaultSettings>();

  constructor(private readonly random: () => number = Math.random) {}

  /** Replaces a function's settings; all-zero settings clear them. Throws on values out of range. */
  set(functionName: string, settings: Partial<FaultSettings>): FaultSettings {
    const resolved = { errorRate: settings.errorRate ?? 0, latencyMs: settings.latencyMs ?? 0, duplicateRate: settings.duplicateRate ?? 0 };
    checkRange('errorRate', resolved.errorRate, 1);
    checkRange('duplicateRate', resolved.duplicateRate, 1);
    checkRange('latencyMs', resolved.latencyMs, MAX_FAULT_LATENCY_MS);
    if (resolved.errorRate === 0 && resolved.latencyMs === 0 && resolved.duplicateRate === 0) this.#settings.delete(functionName);
    else this.#settings.set(functionName, resolved);
    return resolved;
  }

  clear(functionName: string): void {
    this.#settings.delete(functionName);
  }

  get(functionName: string): FaultSettings | undefined {
    return this.#settings.get(functionName);
  }

  /** Every function with active faults. */
  list(): Record<string, FaultSettings> {
    return Object.fromEntries(this.#settings);
  }

  /** The faults of one invocation, or undefined when the function has none (the common, free path). */
  draw(functionName: string): FaultDraw | undefined {
    const settings = this.#settings.get(functionName);
    if (!settings) return undefined;
    return {
      error: settings.errorRate > 0 && this.random() < settings.errorRate,
      latencyMs: settings.latencyMs,
      duplicate: settings.duplicateRate > 0 && this.random() < settings.duplicateRate,
      settings,
    };
  }
}

function checkRange(name: string, value: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw invalidParameter(`${name} must be a number from 0 to ${max}, got ${JSON.stringify(value)}`);
  }
}
