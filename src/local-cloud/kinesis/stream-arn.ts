/**
 * kinesalite predates the `StreamARN` request parameters: a request naming its stream by ARN is
 * rewritten to name it by `StreamName` (the ARN's `stream/<name>`). Other bodies pass unchanged.
 */
export function nameStreamByArn(body: string): string {
  if (!body.includes('"StreamARN"')) return body;
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return body;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return body;
  const { StreamARN: streamArn, ...rest } = input as Record<string, unknown>;
  const name = typeof streamArn === 'string' ? /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/(.+)$/.exec(streamArn)?.[1] : undefined;
  if (name === undefined || ('StreamName' in rest && rest.StreamName !== name)) return body;
  return JSON.stringify({ ...rest, StreamName: name });
}
