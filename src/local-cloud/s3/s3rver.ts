import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The part of s3rver's (untyped, CommonJS) Koa application the local cloud uses. */
export interface S3rverApp {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  on(event: 'event', listener: (event: S3rverEvent) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  readonly logger: { close(): void; exceptions: { unhandle(): void } };
  readonly store: S3rverStore;
}

/** s3rver's FilesystemStore: the methods the local cloud calls or confines to its directory. */
export interface S3rverStore {
  putBucket(name: string): Promise<unknown>;
  listBuckets(): Promise<{ name: string; creationDate: Date }[]>;
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  initiateUpload(bucket: string, key: string, uploadId: string, metadata: unknown): Promise<void>;
  putPart(bucket: string, uploadId: string, partNumber: number | string, content: unknown): Promise<unknown>;
  putObjectMultipart(bucket: string, uploadId: string, parts: unknown): Promise<unknown>;
}

/** s3rver's error: its Koa error handler answers it with the S3 XML error body and the code's status. */
export interface S3rverError extends Error {
  readonly code: string;
  readonly status: number;
  toXML(): string;
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
const S3Error = require('s3rver/lib/models/error.js') as new (code: string, message: string) => S3rverError;

export function s3rverError(code: 'InvalidArgument' | 'IncompleteBody' | 'KeyTooLongError' | 'NoSuchUpload', message: string): S3rverError {
  return new S3Error(code, message);
}

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
