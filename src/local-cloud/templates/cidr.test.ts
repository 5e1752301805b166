import { describe, expect, it } from 'vitest';
import { cidrSubnets } from './cidr.ts';

describe('cidrSubnets', () => {
  it('carves consecutive subnets from the block start', () => {
    expect(cidrSubnets('192.168.0.0/24', 4, 6)).toEqual(['192.168.0.0/26', '192.168.0.64/26', '192.168.0.128/26', '192.168.0.192/26']);
    expect(cidrSubnets('10.1.2.3/16', 2, 12)).toEqual(['10.1.0.0/20', '10.1.16.0/20']);
  });

  it('rejects IPv6, bad blocks and subnets that do not fit', () => {
    expect(() => cidrSubnets('2001:db8::/56', 1, 64)).toThrow(/IPv6/);
    expect(() => cidrSubnets('300.0.0.0/16', 1, 8)).toThrow(/not a valid CIDR/);
    expect(() => cidrSubnets('10.0.0.0/24', 1, 9)).toThrow(/do not fit/);
    expect(() => cidrSubnets('10.0.0.0/24', 5, 6)).toThrow(/fewer than 5/);
  });
});
