import type { TopologyIssue } from './errors.ts';

/** Collects issues while a validator walks a declaration. */
export class IssueCollector {
  readonly issues: TopologyIssue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** An optional integer that, when present, must lie in [min, max] (or equal one of `also`). */
  range(path: string, value: number | undefined, min: number, max: number, also: readonly number[] = []): void {
    if (value === undefined || also.includes(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      const extra = also.length > 0 ? ` (or ${also.join(', ')})` : '';
      this.add(path, `must be an integer from ${min} to ${max}${extra}, got ${String(value)}`);
    }
  }

  /** A reference to a logical resource name that must be declared. */
  ref(path: string, kind: string, name: string | undefined, declared: Readonly<Record<string, unknown>> | undefined): boolean {
    if (name === undefined) return false;
    if (declared && Object.hasOwn(declared, name)) return true;
    const known = Object.keys(declared ?? {});
    const kinds = kind === 'bus' ? 'buses' : `${kind}s`;
    this.add(path, `unknown ${kind} "${name}" (declared ${kinds}: ${known.length ? known.join(', ') : 'none'})`);
    return false;
  }
}

export const LOGICAL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const APP_NAME = /^[a-z][a-z0-9-]{0,31}$/;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
