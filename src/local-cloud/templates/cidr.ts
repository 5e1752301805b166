import { TemplateError } from './errors.ts';

/**
 * `Fn::Cidr`: `count` consecutive IPv4 subnets of `2^cidrBits` addresses each, carved from the start
 * of `ipBlock` (e.g. `["10.0.0.0/16", 3, 8]` → `10.0.0.0/24`, `10.0.1.0/24`, `10.0.2.0/24`).
 */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(ipBlock);
  if (!match) throw new TemplateError(`Fn::Cidr needs an IPv4 block like 10.0.0.0/16, got "${ipBlock}" (IPv6 is not supported locally)`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) throw new TemplateError(`Fn::Cidr: "${ipBlock}" is not a valid CIDR block`);
  const subnetPrefix = 32 - cidrBits;
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new TemplateError(`Fn::Cidr: count must be 1 to 256, got ${count}`);
  if (!Number.isInteger(cidrBits) || subnetPrefix < prefix || cidrBits < 1) {
    throw new TemplateError(`Fn::Cidr: ${cidrBits} subnet bits do not fit in a /${prefix} block`);
  }
  if (count > 2 ** (subnetPrefix - prefix)) throw new TemplateError(`Fn::Cidr: a /${prefix} block holds fewer than ${count} /${subnetPrefix} subnets`);
  const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const network = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => `${toDotted(network + i * 2 ** cidrBits)}/${subnetPrefix}`);
}

function toDotted(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
