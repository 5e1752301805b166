import type { IssueCollector } from './checks.ts';
import type { AppDef } from './types.ts';

/** S3's bucket naming rules (3–63 characters, lower-case letters, digits, dots, dashes; letter or digit at both ends). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Each bucket's local name `<app>-<logical>` must be a valid S3 bucket name. */
export function validateBuckets(c: IssueCollector, app: AppDef): void {
  for (const name of Object.keys(app.buckets ?? {})) {
    const physical = `${app.name}-${name}`;
    if (!BUCKET_NAME.test(physical) || physical.includes('..')) {
      c.add(`buckets.${name}`, `makes the bucket name "${physical}", which S3 refuses: 3–63 lower-case letters, digits, dots and dashes`);
    }
  }
}
