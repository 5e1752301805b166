import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../platform/log.ts';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.ts';
import type { ObjectChange, ObjectEventName } from './event.ts';
import { isS3Request, queryParameter, sigV4Credential } from './routing.ts';
import { acceptAccessKey, createS3rver, s3rverError, type S3rverApp, type S3rverError, type S3rverEvent } from './s3rver.ts';
import { fitStore } from './file-store.ts';
import { confineStore, invalidMultipartParameter } from './store-guard.ts';

export interface S3ServiceOptions {
  /** Where objects live (survives restarts); omitted = a temporary directory removed on stop. */
  directory?: string;
  logger: Logger;
}

export interface BucketSummary {
  name: string;
  objects: number;
}

const OBJECT_FILE_SUFFIX = '._S3rver_object';

/**
 * S3 on the local cloud's main port: s3rver's Koa handler, fed the raw Node requests the main
 * server routes to it, plus a synchronous feed of object changes for bucket notifications.
 */
export class S3Service {
  readonly directory: string;
  private readonly temporary: boolean;
  private readonly app: S3rverApp;
  private readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  private readonly listeners = new Set<(change: ObjectChange) => void>();
  private readonly request = new AsyncLocalStorage<{ method: string; multipartUploadId: string | null }>();
  private sequence = 0;

  constructor(private readonly options: S3ServiceOptions) {
    this.temporary = !options.directory;
    this.directory = options.directory ?? mkdtempSync(join(tmpdir(), 'eventloom-s3-'));
    mkdirSync(this.directory, { recursive: true });
    this.app = createS3rver({ directory: this.directory, silent: true, allowMismatchedSignatures: true, vhostBuckets: false, resetOnClose: false });
    fitStore(this.app.store, this.directory);
    confineStore(this.app.store, this.directory);
    this.app.on('event', (event) => this.emit(event));
    // Koa reports here what it already answered (or could not, the response being gone); without a listener it prints to stderr.
    this.app.on('error', (error) => options.logger.debug('an S3 request failed', { error }));
    this.handler = this.app.callback();
  }

  /** Whether a request arriving on the main port is for S3 (see `isS3Request`). */
  handles(req: IncomingMessage): boolean {
    return isS3Request({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, (name) => this.bucketExists(name));
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const credential = sigV4Credential({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    if (credential) acceptAccessKey(credential.accessKeyId);
    const invalid = invalidMultipartParameter(req.url ?? '/');
    if (invalid) return this.reject(res, s3rverError('InvalidArgument', invalid));
    const multipartUploadId = queryParameter(req.url ?? '/', 'uploadId');
    const request = isAwsChunked(req) ? decodeAwsChunked(req) : req;
    if (request !== req) request.on('error', (error) => this.failBody(req, res, error));
    this.request.run({ method: req.method ?? 'GET', multipartUploadId }, () => this.handler(request, res));
  }

  bucketExists(name: string): boolean {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) return false;
    return statSync(join(this.directory, name), { throwIfNoEntry: false })?.isDirectory() === true;
  }

  /** Creates a bucket; an existing one is kept with its objects. */
  async createBucket(name: string): Promise<void> {
    await this.app.store.putBucket(name);
  }

  async listBuckets(): Promise<BucketSummary[]> {
    const buckets = await this.app.store.listBuckets();
    return Promise.all(buckets.map(async ({ name }) => ({ name, objects: await this.countObjects(name) })));
  }

  /** Calls `listener` synchronously after each object write or delete, before S3 answers the request. */
  onObjectChange(listener: (change: ObjectChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.listeners.clear();
    this.app.logger.exceptions.unhandle();
    this.app.logger.close();
    if (this.temporary) rmSync(this.directory, { recursive: true, force: true });
  }

  /** A body that cannot be decoded (or a client gone mid-upload) fails this request only. */
  private failBody(req: IncomingMessage, res: ServerResponse, error: Error): void {
    this.options.logger.warn('an aws-chunked request body failed', { method: req.method, url: req.url, error: error.message });
    if (res.headersSent || req.socket.destroyed) res.destroy();
    else this.reject(res, s3rverError('IncompleteBody', `The request body could not be decoded: ${error.message}`));
  }

  private reject(res: ServerResponse, error: S3rverError): void {
    const body = error.toXML();
    res.writeHead(error.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), connection: 'close' });
    res.end(body);
  }

  private async countObjects(bucket: string): Promise<number> {
    const entries = await readdir(join(this.directory, bucket), { recursive: true });
    return entries.filter((entry) => entry.endsWith(OBJECT_FILE_SUFFIX)).length;
  }

  private emit(event: S3rverEvent): void {
    const request = this.request.getStore();
    for (const record of event.Records) {
      const { bucket, object } = record.s3;
      const multipart = record.eventName === 'ObjectCreated:Post' && request?.method === 'POST' && request.multipartUploadId !== null;
      const eventName: ObjectEventName = multipart ? 'ObjectCreated:CompleteMultipartUpload' : record.eventName;
      const change: ObjectChange = {
        eventName,
        bucket: bucket.name,
        key: object.key,
        ...(object.size !== undefined && { size: Number(object.size) }),
        ...(object.eTag !== undefined && { eTag: object.eTag }),
        sourceIp: (record.requestParameters.sourceIPAddress || '127.0.0.1').replace(/^::ffff:/, ''),
        time: new Date().toISOString(),
        sequencer: this.nextSequencer(),
      };
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch (error) {
          this.options.logger.error('an S3 notification failed', { bucket: change.bucket, key: change.key, error });
        }
      }
    }
  }

  /** S3's sequencer orders events for one key: a hex string that grows with time. */
  private nextSequencer(): string {
    this.sequence = (this.sequence + 1) % 0x10000;
    return `${Date.now().toString(16)}${this.sequence.toString(16).padStart(4, '0')}`.toUpperCase().padStart(16, '0');
  }
}
