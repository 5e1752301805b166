import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The part of s3rver's (untyped, CommonJS) Koa application the local cloud uses. */
export interface S3rverApp {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  on(event: 'event', listener: (event: S3rverEvent) => void): void;
  readonly logger: { close(): void; exceptions: { unhandle(): void } };
  readonly store: {
    putBucket(name: string): Promise<unknown>;
    listBuckets(): Promise<{ name: string; creationDate: Date }[]>;
  };
}

export interface S3rverOptions {
  directory: string;
  silent: boolean;
  allowMismatchedSignatures: boolean;
  vhostBuckets: boolean;
  resetOnClose: boolean;
}

/** What s3rver emits after it stored or removed an object (its own S3 event approximation). */
export interface S3rverEvent {
  Records: {
    eventName: 'ObjectCreated:Put' | 'ObjectCreated:Post' | 'ObjectCreated:Copy' | 'ObjectRemoved:Delete';
    requestParameters: { sourceIPAddress: string };
    s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
  }[];
}

interface AwsAccount {
  readonly accessKeys: ReadonlyMap<string, string>;
  createKeyPair(accessKeyId: string, secretAccessKey: string): void;
}

const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as new (options: S3rverOptions) => S3rverApp;
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account.js') as { DUMMY_ACCOUNT: AwsAccount };

export function createS3rver(options: S3rverOptions): S3rverApp {
  return new S3rver(options);
}

/**
 * s3rver rejects access keys it does not know (it checks no SigV4 signature, only the key id);
 * the local cloud accepts any credentials, as its other services do.
 */
export function acceptAccessKey(accessKeyId: string): void {
  if (!DUMMY_ACCOUNT.accessKeys.has(accessKeyId)) DUMMY_ACCOUNT.createKeyPair(accessKeyId, accessKeyId);
}
