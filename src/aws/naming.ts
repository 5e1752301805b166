import { createHash } from 'node:crypto';

/** AWS's length limits on the physical names the synthesizer sets. */
export const NAME_LIMITS = {
  table: 255,
  queue: 80,
  function: 64,
  rule: 64,
  pipe: 64,
  bus: 256,
  httpApi: 128,
  stack: 128,
  kinesisStream: 128,
  /** S3's 63, less the `-<12-digit account>-<region>` suffix appended at deploy time (buckets.ts). */
  bucket: 63 - 1 - 12 - 1 - 14,
} as const;
export type NamedKind = keyof typeof NAME_LIMITS;

const HASH_LENGTH = 8;

/**
 * A physical name `<prefix>-<stage>-<app>-<logical>`, cut to `limit` characters; a cut name ends in
 * `-<8 hex of sha256(full name)>` so two long names sharing a beginning stay distinct.
 *
 * @example physicalName(['eventloom', 'dev', 'ecommerce', 'store'], 255) // 'eventloom-dev-ecommerce-store'
 */
export function physicalName(parts: readonly string[], limit: number): string {
  const full = parts.map(sanitize).join('-');
  if (full.length <= limit) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, HASH_LENGTH);
  return `${full.slice(0, limit - HASH_LENGTH - 1)}-${hash}`;
}

/** Characters allowed by every named resource type here: letters, digits, `-` and `_`. */
function sanitize(part: string): string {
  return part.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** A CloudFormation output id for a `.env` variable (`ORDERS_API_BASE_URL` → `OrdersApiBaseUrl`). */
export function outputId(envName: string): string {
  return envName
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}
