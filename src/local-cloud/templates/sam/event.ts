import type { CfnResource } from './context.ts';

/** One entry of a SAM function's `Events`, with the names the translator derives from it. */
export interface SamEvent {
  /** The `AWS::Serverless::Function`'s logical id. */
  readonly functionId: string;
  /** The key under `Events`. */
  readonly name: string;
  /** `<FunctionId><EventName>`: the id of the resource the event becomes (mapping, rule, schedule …). */
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  /** `Condition` (and deletion policies) copied from the function onto what the event generates. */
  readonly attributes: Partial<CfnResource>;
}

/** Picks the keys of `source` that are set, in `keys` order. */
export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
