import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './compile.ts';

const matches = (cidr: string, ip: unknown): boolean => matchesEventPattern({ ip: [{ cidr }] }, { ip });

describe('cidr', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.255', true],
    ['10.0.0.0/24', '10.0.1.0', false],
    ['10.0.0.0/24', '10.0.0.256', false],
    ['10.0.0.0/24', 167772161, false],
    ['10.0.0.0/8', '2001:db8::1', false],
    ['2001:db8:1234:1a00::/64', '2001:0db8:1234:1a00:0000:0000:0000:0001', true],
    ['2001:db8:1234:1a00::/64', '2001:db8:1234:1a01::', false],
    ['::/0', '::1', true],
  ])('%s contains %j: %s', (cidr, ip, expected) => {
    expect(matches(cidr, ip)).toBe(expected);
  });

  it.each([
    ['10.0.0.0', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/8/8', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/x', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/32', 'IPv4 mask bits must be < 32'],
    ['::/128', 'IPv6 mask bits must be < 128'],
    ['host/8', 'Nonstandard IP address: host'],
    ['10.0.0.300/8', 'Invalid IP address: 10.0.0.300'],
  ])('%s is refused', (cidr, reason) => {
    expect(() => matches(cidr, '10.0.0.1')).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });
});
