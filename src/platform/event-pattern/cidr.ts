import { invalid } from './errors.ts';
import type { ValueMatcher } from './types.ts';

/**
 * IP addresses and `{"cidr": "10.0.0.0/24"}`. Like AWS, a string is only treated as an address
 * when it has the shape of one (dotted quad, or hex digits and colons), and addresses compare
 * as bytes, so `2001:db8::` and `2001:0db8:0:0:0:0:0:0` are the same value.
 */

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Parses `text` into `out` (16 bytes); returns 4 or 16, or 0 when it is not an IP address. */
export function parseIp(text: string, out: Uint8Array): number {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text, out);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text, out);
  return 0;
}

function parseIpv4(text: string, out: Uint8Array): number {
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    // Current JDKs (which AWS's matcher runs on) reject octets with leading zeros as ambiguous.
    if (part.length > 3 || (part.length > 1 && part.startsWith('0'))) return 0;
    const octet = Number(part);
    if (octet > 255) return 0;
    out[i] = octet;
  }
  return 4;
}

function parseIpv6(text: string, out: Uint8Array): number {
  const halves = text.split('::');
  if (halves.length > 2) return 0;
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === null || tail === null) return 0;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return 0;
  out.fill(0);
  head.forEach((group, i) => writeGroup(out, i, group));
  tail.forEach((group, i) => writeGroup(out, 8 - tail.length + i, group));
  return 16;
}

function groups(text: string): number[] | null {
  if (text === '') return [];
  const result: number[] = [];
  for (const group of text.split(':')) {
    if (!HEX_GROUP.test(group)) return null;
    result.push(parseInt(group, 16));
  }
  return result;
}

function writeGroup(out: Uint8Array, index: number, group: number): void {
  out[index * 2] = group >> 8;
  out[index * 2 + 1] = group & 0xff;
}

/** True when `actual` (its first `length` bytes, as returned by `parseIp`) equals `expected`. */
export function ipBytesEqual(expected: Uint8Array, actual: Uint8Array, length: number): boolean {
  if (length !== expected.length) return false;
  for (let i = 0; i < length; i++) if (actual[i] !== expected[i]) return false;
  return true;
}

/** Lexicographic comparison of two addresses of the same length. */
function compareBytes(a: Uint8Array, b: Uint8Array, length: number): number {
  for (let i = 0; i < length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

class CidrMatcher implements ValueMatcher {
  private readonly scratch = new Uint8Array(16);

  constructor(
    private readonly low: Uint8Array,
    private readonly high: Uint8Array,
  ) {}

  matches(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const length = parseIp(value, this.scratch);
    if (length !== this.low.length) return false;
    return compareBytes(this.low, this.scratch, length) <= 0 && compareBytes(this.scratch, this.high, length) <= 0;
  }
}

/**
 * Compiles a CIDR block. Follows AWS's matcher exactly, quirks included: the mask must be below
 * the address width (/32 and /128 are refused), and the range starts at the address as written,
 * not at the network address (`10.0.0.9/24` covers 10.0.0.9–10.0.0.255).
 */
export function cidrMatcher(cidr: string): ValueMatcher {
  const parts = cidr.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // Java's String.split
  const [ip, maskText] = parts;
  if (parts.length !== 2 || ip === undefined || maskText === undefined) throw invalid("Malformed CIDR, one '/' required");
  const mask = Number(maskText);
  if (!/^[+-]?[0-9]+$/.test(maskText) || mask > 2 ** 31 - 1 || mask < -(2 ** 31)) {
    throw invalid('Malformed CIDR, mask bits must be an integer');
  }
  if (mask < 0) throw invalid('Malformed CIDR, mask bits must not be negative');

  const bytes = new Uint8Array(16);
  const length = parseIp(ip, bytes);
  if (length === 0) {
    const shaped = IPV4_SHAPE.test(ip) || IPV6_SHAPE.test(ip);
    throw invalid(shaped ? `Invalid IP address: ${ip}` : `Nonstandard IP address: ${ip}`);
  }
  if (length === 4 && mask > 31) throw invalid('IPv4 mask bits must be < 32');
  if (length === 16 && mask > 127) throw invalid('IPv6 mask bits must be < 128');

  const low = bytes.slice(0, length);
  const high = low.slice();
  let hostBits = length * 8 - mask;
  for (let i = length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
    high[i] = (high[i] ?? 0) | (hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
  }
  return new CidrMatcher(low, high);
}
