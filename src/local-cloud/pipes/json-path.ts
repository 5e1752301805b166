import { jsonPathProblem, readJsonPath } from '../../platform/event-pattern/json-path.ts';

/** A `*` step, by name (`.*`) or index (`[*]`). */
const WILDCARD = /\.\*|\[\*\]/;

/**
 * Reads a Pipes JSON path: EventBridge's subset (`$.a.b`, `$.a[0]`, `$['k']`) plus the wildcards
 * Pipes accepts (`$.items[*].id`, `$.map.*`), which collect every match into an array. Undefined
 * when nothing is there.
 */
export function readPipePath(document: unknown, path: string): unknown {
  const wildcard = WILDCARD.exec(path);
  if (!wildcard) return readJsonPath(document, path);
  const container = readJsonPath(document, path.slice(0, wildcard.index));
  if (typeof container !== 'object' || container === null) return undefined;
  const rest = `$${path.slice(wildcard.index + wildcard[0].length)}`;
  const members = Array.isArray(container) ? container : Object.values(container);
  return members.map((member) => readPipePath(member, rest)).filter((value) => value !== undefined);
}

/** Why a path is not one Pipes reads, or undefined when it is. */
export function pipePathProblem(path: string): string | undefined {
  return jsonPathProblem(path.replace(new RegExp(WILDCARD, 'g'), '.x'));
}

/**
 * A target parameter that is a JSON path (`$.detail.id`) takes its value from the event, as AWS's
 * dynamic path parameters do (the whole value must be the path); any other value is a constant.
 * Non-string values become their JSON text; a missing one an empty string.
 */
export function dynamicParameter(value: string, event: unknown): string {
  if (!value.startsWith('$.') && !value.startsWith('$[')) return value;
  const found = readPipePath(event, value);
  if (found === undefined || found === null) return '';
  return typeof found === 'string' ? found : JSON.stringify(found);
}
