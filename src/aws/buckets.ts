import { Aws } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { SynthContext } from './context.ts';
import { AwsSynthError } from './errors.ts';

const S3_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * One bucket per declaration: versioning as declared, SSE-S3, every public access blocked, TLS only.
 * Dev buckets are deleted with the stack (when empty: no auto-delete custom resource, whose Lambda
 * could empty any bucket), buckets of other stages and `retain` ones are kept.
 *
 * Bucket names are global across all accounts, so the name is `<prefix>-<stage>-<app>-<logical>-<account>-<region>`
 * (the last two resolved at deploy time). Functions and notifications get that name and its ARN as
 * strings, not as references to the bucket: a bucket notifying a function depends on the function
 * (and its invoke permission), which must then not depend on the bucket.
 */
export function addBuckets(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.buckets ?? {})) {
    const base = ctx.name('bucket', name);
    if (!S3_NAME.test(base)) throw new AwsSynthError(`${ctx.app.name}: bucket "${name}" gives the name ${base}; S3 allows lower-case letters, digits and "-" only.`);
    const bucketName = `${base}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const bucket = new Bucket(ctx.stack, `${name}Bucket`, {
      bucketName,
      versioned: def.versioned ?? false,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: ctx.dataRemovalPolicy(def.retain),
    });
    ctx.buckets.set(name, { bucket, bucketName, bucketArn: `arn:${Aws.PARTITION}:s3:::${bucketName}` });
  }
}
