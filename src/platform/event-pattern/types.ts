/**
 * Which AWS surface a pattern is written for.
 * - `rule`: EventBridge rules (and TestEventPattern) — the full operator set.
 * - `filter`: EventBridge Pipes filters and Lambda event-source-mapping FilterCriteria. AWS's
 *   operator table ("Pipe support" column of eb-create-pattern-operators) marks `wildcard` and the
 *   anything-but variants `prefix`, `suffix`, `equals-ignore-case` and `wildcard` as unsupported;
 *   this dialect refuses exactly those and keeps the rest: values, prefix/suffix (also ignoring
 *   case), equals-ignore-case, plain anything-but, numeric, exists, cidr and `$or`.
 */
export type EventPatternDialect = 'rule' | 'filter';

/** Options of `compileEventPattern` / `validateEventPattern`. */
export interface EventPatternOptions {
  /** Operator set to accept. Default: `'rule'`. */
  readonly dialect?: EventPatternDialect;
}

/** A compiled pattern: true when the event matches. */
export type EventMatcher = (event: unknown) => boolean;

/** One alternative of a field's value list, tested against one leaf value of the event. */
export interface ValueMatcher {
  /** True when this leaf value (string, number, boolean or null) satisfies the alternative. */
  matches(value: unknown): boolean;
  /** `{"exists": false}`: satisfied by the field having no value at all. */
  readonly absence?: boolean;
  /** Wildcard patterns this alternative runs, for the rule-complexity check. */
  readonly wildcards?: readonly string[];
}

/** The alternatives of one flattened field path (`detail.state`) in one `$or` branch. */
export interface FieldRule {
  readonly path: string;
  readonly matchers: readonly ValueMatcher[];
}

/** A pattern after validation: its `$or` branches, each a map from field path to alternatives. */
export type PatternBranches = readonly ReadonlyMap<string, FieldRule>[];

/** What the parsers need to know while walking a pattern. */
export interface ParseContext {
  readonly dialect: EventPatternDialect;
}

export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
