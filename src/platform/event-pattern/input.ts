import { invalid } from './errors.ts';
import { isJsonObject, type JsonObject } from './types.ts';

/** AWS caps `EventPattern` (rules) and filter `Pattern` (Pipes, Lambda) at 4096 characters. */
export const MAX_PATTERN_LENGTH = 4096;

/**
 * Accepts a pattern as JSON text or as a value, and returns it as plain parsed JSON. Values are
 * round-tripped through JSON so that what we validate is exactly what would be sent to AWS
 * (`undefined` dropped, `toJSON` applied).
 */
export function readPattern(pattern: unknown): JsonObject {
  const text = typeof pattern === 'string' ? pattern : stringify(pattern);
  // AWS rejects an over-long pattern at the API layer (a ValidationException saying "Member must
  // have length less than or equal to 4096"); we report it through the same exception as the rest.
  if (text.length > MAX_PATTERN_LENGTH) {
    throw invalid(`Event pattern must be at most ${MAX_PATTERN_LENGTH} characters long (it has ${text.length})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : 'Malformed JSON', error);
  }
  if (!isJsonObject(value)) throw invalid('Filter is not an object');
  return value;
}

function stringify(pattern: unknown): string {
  try {
    return JSON.stringify(pattern) ?? 'null';
  } catch (error) {
    throw invalid('Event pattern is not serializable as JSON', error);
  }
}
