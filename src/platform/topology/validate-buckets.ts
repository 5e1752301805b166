import type { IssueCollector } from './checks.ts';
import { BUCKET_ACTIONS, type AppDef, type FunctionDef } from './types.ts';

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

/** Declared buckets, known non-duplicate actions, and an entry for every bucket the environment names. */
export function validateBucketAccess(c: IssueCollector, app: AppDef, path: string, fn: FunctionDef): void {
  const access = fn.bucketAccess ?? {};
  for (const [bucket, actions] of Object.entries(access)) {
    const at = `${path}.bucketAccess.${bucket}`;
    c.ref(at, 'bucket', bucket, app.buckets);
    if (!Array.isArray(actions) || actions.length === 0) {
      c.add(at, `needs at least one action (${BUCKET_ACTIONS.join(', ')})`);
      continue;
    }
    const seen = new Set<string>();
    for (const action of actions as readonly string[]) {
      if (!(BUCKET_ACTIONS as readonly string[]).includes(action)) c.add(at, `unknown action "${action}" (known: ${BUCKET_ACTIONS.join(', ')})`);
      else if (seen.has(action)) c.add(at, `duplicate action "${action}"`);
      seen.add(action);
    }
  }
  for (const [key, value] of Object.entries(fn.environment ?? {})) {
    if (typeof value !== 'object' || value.ref !== 'bucketName' || !app.buckets || !Object.hasOwn(app.buckets, value.name)) continue;
    if (!Object.hasOwn(access, value.name)) {
      c.add(
        `${path}.environment.${key}`,
        `references bucket "${value.name}" but the function declares no access to it: add \`bucketAccess: { ${value.name}: [...] }\` listing exactly the actions it uses (e.g. 'GetObject', 'PutObject')`,
      );
    }
  }
}
