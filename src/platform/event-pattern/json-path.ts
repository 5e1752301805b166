/**
 * The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, `$.a.b`, `$.a[0]`,
 * `$['key with.dots']`. Returns undefined when the path does not exist.
 */
export function readJsonPath(document: unknown, path: string): unknown {
  if (path === '$') return document;
  if (!path.startsWith('$')) throw new Error(`JSONPath must start with "$": ${path}`);
  let current: unknown = document;
  for (const segment of parseSegments(path.slice(1))) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Why a path is not in the supported JSONPath subset, or undefined when it is. */
export function jsonPathProblem(path: string): string | undefined {
  if (!path.startsWith('$')) return `JSONPath must start with "$": ${path}`;
  try {
    parseSegments(path.slice(1));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function parseSegments(rest: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const token = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let index = 0;
  while (index < rest.length) {
    token.lastIndex = index;
    const match = token.exec(rest);
    if (!match) throw new Error(`Unsupported JSONPath near "${rest.slice(index)}"`);
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3] ?? match[4] ?? '');
    index = token.lastIndex;
  }
  return segments;
}
