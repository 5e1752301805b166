import { invalid } from './errors.ts';
import type { PatternBranches } from './types.ts';
import { parseWildcard } from './wildcard.ts';

/**
 * AWS refuses wildcard patterns that could keep too many partial matches alive at once while
 * scanning one value ("*:*:*:*:*:event-bus/*"). Its matcher measures this on its byte automaton;
 * we build the equivalent automaton for all wildcards of one field (anything-but wildcards
 * included) and explore every reachable set of live states, weighting each state by the number
 * of patterns that pass through it. The limit is calibrated on patterns AWS accepts and refuses.
 */

export const TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

const COMPLEXITY_LIMIT = 10;
/** Bounds the exploration on pathological input; patterns are at most 4096 characters anyway. */
const MAX_EXPLORED_SETS = 10_000;
const STAR = -1;
const OTHER_BYTE = 256;
const QUOTE = 0x22;

interface State {
  readonly literal: Map<number, number[]>;
  readonly any: number[];
  readonly epsilon: number[];
  weight: number;
}

export function checkWildcardComplexity(branches: PatternBranches): void {
  const byPath = new Map<string, Set<string>>();
  for (const branch of branches) {
    for (const field of branch.values()) {
      for (const matcher of field.matchers) {
        for (const wildcard of matcher.wildcards ?? []) {
          const set = byPath.get(field.path) ?? new Set<string>();
          byPath.set(field.path, set.add(wildcard));
        }
      }
    }
  }
  for (const patterns of byPath.values()) {
    if (wildcardComplexity([...patterns]) > COMPLEXITY_LIMIT) throw invalid(TOO_COMPLEX);
  }
}

/** The largest total weight of live states over all inputs (capped just above the limit). */
export function wildcardComplexity(patterns: readonly string[]): number {
  const states = buildAutomaton(patterns);
  const alphabet = new Set<number>([OTHER_BYTE]);
  for (const state of states) for (const byte of state.literal.keys()) alphabet.add(byte);

  const pending = [closure(states, new Set([0]))];
  const seen = new Set<string>();
  let maximum = 0;
  while (pending.length > 0 && seen.size < MAX_EXPLORED_SETS) {
    const live = pending.pop() ?? new Set<number>();
    for (const byte of alphabet) {
      const next = new Set<number>();
      for (const id of live) {
        const state = states[id] as State;
        for (const target of state.any) next.add(target);
        for (const target of state.literal.get(byte) ?? []) next.add(target);
      }
      if (next.size === 0) continue;
      closure(states, next);
      let weight = 0;
      for (const id of next) weight += (states[id] as State).weight;
      if (weight > COMPLEXITY_LIMIT) return weight;
      maximum = Math.max(maximum, weight);
      const key = [...next].sort((a, b) => a - b).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        pending.push(next);
      }
    }
  }
  return maximum;
}

/** Byte tokens of the quoted pattern as AWS scans it: `"`, the literal bytes and stars, `"`. */
function tokens(pattern: string): number[] {
  const result = [QUOTE];
  parseWildcard(pattern).parts.forEach((part, i) => {
    if (i > 0) result.push(STAR);
    result.push(...Buffer.from(part, 'utf8'));
  });
  result.push(QUOTE);
  return result;
}

/** States up to the first star are shared between patterns with the same start, as in AWS's automaton. */
function buildAutomaton(patterns: readonly string[]): State[] {
  const states: State[] = [];
  const newState = (): number => states.push({ literal: new Map(), any: [], epsilon: [], weight: 0 }) - 1;
  const shared = new Map<string, number>();
  newState();
  for (const pattern of patterns) {
    const sequence = tokens(pattern);
    const firstStar = sequence.indexOf(STAR);
    const sharedLength = firstStar < 0 ? sequence.length : firstStar + 1;
    const ids = [0];
    for (let j = 1; j <= sequence.length; j++) {
      const key = sequence.slice(0, j).join(',');
      let id = j <= sharedLength ? shared.get(key) : undefined;
      if (id === undefined) {
        id = newState();
        if (j <= sharedLength) shared.set(key, id);
      }
      ids.push(id);
    }
    for (const id of new Set(ids.slice(1))) (states[id] as State).weight++;
    sequence.forEach((token, j) => {
      const from = states[ids[j] as number] as State;
      const to = ids[j + 1] as number;
      if (token === STAR) {
        addOnce(from.epsilon, to);
        addOnce((states[to] as State).any, to);
      } else {
        const targets = from.literal.get(token) ?? [];
        from.literal.set(token, addOnce(targets, to));
      }
    });
  }
  return states;
}

function closure(states: readonly State[], set: Set<number>): Set<number> {
  const stack = [...set];
  while (stack.length > 0) {
    for (const next of (states[stack.pop() as number] as State).epsilon) {
      if (!set.has(next)) {
        set.add(next);
        stack.push(next);
      }
    }
  }
  return set;
}

function addOnce(list: number[], value: number): number[] {
  if (!list.includes(value)) list.push(value);
  return list;
}
