import { createHash } from 'node:crypto';
import { arn } from '../identity.ts';

/**
 * A UUID (RFC 4122 version 5 layout) derived from a seed: the same seed gives the same id in every
 * run, so a stack id or an event-source-mapping UUID stays stable across restarts.
 */
export function stableUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`, stable for a name. */
export function stackArn(stackName: string): string {
  return arn('cloudformation', `stack/${stackName}/${stableUuid(`stack/${stackName}`)}`);
}
