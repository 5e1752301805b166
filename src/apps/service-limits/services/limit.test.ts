import { describe, expect, it } from 'vitest';
import { LIMIT_REACHED } from '../errors.ts';
import { limitDecision } from './limit.ts';

describe('limitDecision', () => {
  it('allows a service while both counters are below the limit', () => {
    expect(limitDecision({ bestEffort: 4, eventual: 3, max: 5 })).toEqual({ allowed: true });
  });

  it('refuses when the best-effort counter reached the limit and the eventual one lags', () => {
    expect(limitDecision({ bestEffort: 5, eventual: 2, max: 5 })).toEqual({ allowed: false, reason: LIMIT_REACHED });
  });

  it('refuses when the eventual counter reached the limit and the best-effort one under-counts', () => {
    expect(limitDecision({ bestEffort: 0, eventual: 5, max: 5 })).toEqual({ allowed: false, reason: LIMIT_REACHED });
  });

  it('refuses past the limit (a lowered limit) and with a limit of 0', () => {
    expect(limitDecision({ bestEffort: 9, eventual: 9, max: 5 }).allowed).toBe(false);
    expect(limitDecision({ bestEffort: 0, eventual: 0, max: 0 }).allowed).toBe(false);
  });
});
