export type ArnKind = { kind: 'sqs'; name: string } | { kind: 'lambda'; name: string } | { kind: 'events'; name: string } | { kind: 'unknown' };

/** What a target or destination ARN names: a queue, a function (unqualified or not) or an event bus. */
export function parseTargetArn(arn: string): ArnKind {
  const parts = arn.split(':');
  if (parts[2] === 'sqs' && parts[5]) return { kind: 'sqs', name: parts[5] };
  if (parts[2] === 'lambda' && parts[5] === 'function' && parts[6]) return { kind: 'lambda', name: parts[6] };
  if (parts[2] === 'events' && parts[5]?.startsWith('event-bus/')) return { kind: 'events', name: parts[5].slice('event-bus/'.length) };
  return { kind: 'unknown' };
}
