import { createHash } from 'node:crypto';

/** Deterministic bytes for a seed: names and ids must come out the same on every start. */
function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

/** `length` characters from `alphabet`, stable for `seed` (at most 32 characters). */
export function stableToken(seed: string, length: number, alphabet: string): string {
  const bytes = digest(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
}

export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A version-4-shaped UUID stable for `seed` (stack ids, event source mapping ids). */
export function stableUuid(seed: string): string {
  const hex = digest(seed).toString('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
