import { invalidToken } from './errors.ts';
import type { EventKey } from './models.ts';

/** Which way a GetLogEvents token reads from its place. */
export type Direction = 'forward' | 'backward';

export interface StreamCursor {
  readonly direction: Direction;
  /** Forward tokens read events after it, backward tokens events before it. */
  readonly key: EventKey;
}

/**
 * GetLogEvents tokens in AWS's shape, `f/<56 digits>/s` and `b/<56 digits>/s`. A token names a place
 * between events, so reading past the end hands back the very token it was given: that is how the
 * SDK paginator (`stopOnSameToken`) and scripts following `nextForwardToken` know they are done.
 */
export function encodeStreamToken(cursor: StreamCursor): string {
  const { timestamp, seq } = cursor.key;
  return `${cursor.direction === 'forward' ? 'f' : 'b'}/${String(timestamp).padStart(20, '0')}${String(seq).padStart(36, '0')}/s`;
}

export function decodeStreamToken(token: string): StreamCursor {
  const match = /^([fb])\/(\d{20})(\d{36})\/s$/.exec(token);
  if (!match) throw invalidToken();
  const key = { timestamp: Number(match[2]), seq: Number(match[3]) };
  if (!Number.isSafeInteger(key.timestamp) || !Number.isSafeInteger(key.seq)) throw invalidToken();
  return { direction: match[1] === 'f' ? 'forward' : 'backward', key };
}

/** FilterLogEvents' opaque `nextToken`: the direction and the key of the last event it looked at. */
export function encodeFilterToken(cursor: StreamCursor): string {
  return Buffer.from(`${cursor.direction === 'forward' ? 'f' : 'b'}:${cursor.key.timestamp}:${cursor.key.seq}`, 'utf8').toString('base64url');
}

export function decodeFilterToken(token: string): StreamCursor {
  const match = /^([fb]):(\d+):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) throw invalidToken();
  return { direction: match[1] === 'f' ? 'forward' : 'backward', key: { timestamp: Number(match[2]), seq: Number(match[3]) } };
}

/** Describe* `nextToken`: where the page ended, in the listing's own order (a name, or a time and a name). */
export function encodePageToken(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(['p', ...position]), 'utf8').toString('base64url');
}

export function decodePageToken(token: string): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'p' || !parsed.slice(1).every((part) => typeof part === 'string' || typeof part === 'number')) throw invalidToken();
  return parsed.slice(1) as (string | number)[];
}
