import type { FieldRule, PatternBranches, ValueMatcher } from './types.ts';

/**
 * Runs a validated pattern against events without flattening them. Semantics follow AWS:
 * - a field path matches the event's leaf values (strings, numbers, booleans, null) found by
 *   following it; objects are not values, and arrays contribute each of their elements;
 * - dots are interchangeable with nesting on both sides: path `a.b.c` finds `{"a": {"b.c": 1}}`
 *   as well as `{"a.b": {"c": 1}}`;
 * - all fields of a branch must match values taken from the same element of any array they
 *   share (AWS's "array consistency"), so `{"a": {"x": [1], "y": [2]}}` does not match
 *   `{"a": [{"x": 1}, {"y": 2}]}`;
 * - `{"exists": false}` holds when the path has no value.
 * Fields are tried in path order and backtrack over array elements; no per-event allocation
 * beyond the reusable array-choice stack.
 */

/** One way to consume the rest of a path at an object: look up `key`, continue at step `next` (-1: done). */
interface PathStep {
  readonly key: string;
  readonly next: number;
}

interface RuntimeField {
  /** `steps[i]`: the candidate keys when the path is consumed up to its i-th dot boundary. */
  readonly steps: readonly (readonly PathStep[])[];
  readonly matchers: readonly ValueMatcher[];
  readonly hasValueMatchers: boolean;
  readonly allowsAbsence: boolean;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Precomputes, for every position after a dot, each key the event may use from there on. */
export function pathSteps(path: string): PathStep[][] {
  const starts = [0];
  for (let i = 0; i < path.length; i++) if (path[i] === '.') starts.push(i + 1);
  return starts.map((start) => {
    const steps: PathStep[] = [];
    starts.forEach((next, index) => {
      if (next > start) steps.push({ key: path.slice(start, next - 1), next: index });
    });
    steps.push({ key: path.slice(start), next: -1 });
    return steps;
  });
}

function runtimeField(field: FieldRule): RuntimeField {
  return {
    steps: pathSteps(field.path),
    matchers: field.matchers.filter((matcher) => !matcher.absence),
    hasValueMatchers: field.matchers.some((matcher) => !matcher.absence),
    allowsAbsence: field.matchers.some((matcher) => matcher.absence === true),
  };
}

export class PatternRunner {
  private readonly branches: readonly (readonly RuntimeField[])[];
  /** Array elements chosen so far in this match attempt (parallel stacks). */
  private readonly chosenArrays: (unknown[] | undefined)[] = [];
  private readonly chosenIndexes: number[] = [];
  private depth = 0;
  private deepest = 0;
  private fields: readonly RuntimeField[] = [];
  private root: unknown = undefined;

  constructor(branches: PatternBranches) {
    this.branches = branches.map((branch) =>
      [...branch.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(runtimeField),
    );
  }

  matches(event: unknown): boolean {
    try {
      for (const fields of this.branches) {
        this.fields = fields;
        this.root = event;
        this.depth = 0;
        if (this.matchFrom(0)) return true;
      }
      return false;
    } finally {
      // Do not keep the last event reachable from a long-lived matcher.
      this.root = undefined;
      for (let d = 0; d < this.deepest; d++) this.chosenArrays[d] = undefined;
      this.deepest = 0;
    }
  }

  private matchFrom(index: number): boolean {
    const field = this.fields[index];
    if (field === undefined) return true;
    if (field.hasValueMatchers && this.visit(this.root, field, 0, index)) return true;
    return field.allowsAbsence && !this.present(this.root, field, 0) && this.matchFrom(index + 1);
  }

  /** Walks `node` along the field's path from step set `step`; true once the whole branch matched. */
  private visit(node: unknown, field: RuntimeField, step: number, index: number): boolean {
    if (Array.isArray(node)) {
      const chosen = this.chosenIndex(node);
      if (chosen >= 0) return this.visit(node[chosen], field, step, index);
      for (let i = 0; i < node.length; i++) {
        this.choose(node, i);
        const matched = this.visit(node[i], field, step, index);
        this.depth--;
        if (matched) return true;
      }
      return false;
    }
    if (node === null || typeof node !== 'object') return false;
    const steps = field.steps[step] as readonly PathStep[];
    for (let s = 0; s < steps.length; s++) {
      const { key, next } = steps[s] as PathStep;
      const child = (node as Record<string, unknown>)[key];
      if (child === undefined || !hasOwn.call(node, key)) continue;
      if (next < 0 ? this.leaf(child, field, index) : this.visit(child, field, next, index)) return true;
    }
    return false;
  }

  private leaf(value: unknown, field: RuntimeField, index: number): boolean {
    if (Array.isArray(value)) {
      const chosen = this.chosenIndex(value);
      if (chosen >= 0) return this.leaf(value[chosen], field, index);
      for (let i = 0; i < value.length; i++) {
        this.choose(value, i);
        const matched = this.leaf(value[i], field, index);
        this.depth--;
        if (matched) return true;
      }
      return false;
    }
    if (value === undefined || (value !== null && typeof value === 'object')) return false;
    const { matchers } = field;
    for (let m = 0; m < matchers.length; m++) {
      if ((matchers[m] as ValueMatcher).matches(value)) return this.matchFrom(index + 1);
    }
    return false;
  }

  /** Whether the path has any leaf value, within the array elements chosen so far. */
  private present(node: unknown, field: RuntimeField, step: number): boolean {
    if (Array.isArray(node)) {
      const chosen = this.chosenIndex(node);
      if (chosen >= 0) return this.present(node[chosen], field, step);
      for (let i = 0; i < node.length; i++) if (this.present(node[i], field, step)) return true;
      return false;
    }
    if (node === null || typeof node !== 'object') return false;
    const steps = field.steps[step] as readonly PathStep[];
    for (let s = 0; s < steps.length; s++) {
      const { key, next } = steps[s] as PathStep;
      const child = (node as Record<string, unknown>)[key];
      if (child === undefined || !hasOwn.call(node, key)) continue;
      if (next < 0 ? this.hasLeaf(child) : this.present(child, field, next)) return true;
    }
    return false;
  }

  private hasLeaf(value: unknown): boolean {
    if (!Array.isArray(value)) return value !== undefined && (value === null || typeof value !== 'object');
    const chosen = this.chosenIndex(value);
    if (chosen >= 0) return this.hasLeaf(value[chosen]);
    for (let i = 0; i < value.length; i++) if (this.hasLeaf(value[i])) return true;
    return false;
  }

  private chosenIndex(array: unknown[]): number {
    for (let d = 0; d < this.depth; d++) if (this.chosenArrays[d] === array) return this.chosenIndexes[d] as number;
    return -1;
  }

  private choose(array: unknown[], index: number): void {
    this.chosenArrays[this.depth] = array;
    this.chosenIndexes[this.depth] = index;
    this.depth++;
    if (this.depth > this.deepest) this.deepest = this.depth;
  }
}
