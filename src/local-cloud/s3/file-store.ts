import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, fstat as fstatCallback, type ReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { s3rverError, type S3rverStore } from './s3rver.ts';

/** S3's key limit: 1,024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1_024;
/** File names stay under the 255-byte limit of common file systems, with room for s3rver's suffixes. */
const MAX_SEGMENT_BYTES = 200;
const HASHED_SEGMENT = /^[0-9a-f]{40}~seg$/;
const OBJECT_SUFFIX = '._S3rver_object';
const TEMPORARY_DIRECTORY = '._S3rver_tmp';

interface S3Object {
  readonly key: string;
}
interface ListOptions {
  delimiter?: string;
  startAfter?: string;
  prefix?: string;
  maxKeys?: number;
}
interface StoredObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, unknown>;
}
interface StoreInternals extends S3rverStore {
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  getObject(bucket: string, key: string, options?: unknown): Promise<{ content: ReadStream | null; metadata: Record<string, unknown> } | null>;
  putMetadata(bucket: string, key: string, metadata: Record<string, unknown>, md5?: string): Promise<void>;
  copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, metadata?: Record<string, unknown>): Promise<unknown>;
}

const require = createRequire(import.meta.url);
const S3ObjectModel = require('s3rver/lib/models/object.js') as new (bucket: string, key: string, content: null, metadata: unknown) => S3Object;
const fstat = promisify(fstatCallback);

/**
 * Makes s3rver's filesystem store hold what S3 holds: any key up to 1,024 bytes (a segment too long
 * for a file name, or holding a NUL, is stored under its hash, the key kept beside it), objects
 * written atomically (a temporary file renamed into place, so a reader sees the old object or the new
 * one, never a part), multipart ETags of S3's `<md5 of the part md5s>-<parts>` form, and an
 * `UploadPart` to an upload never started refused with `NoSuchUpload`. Apply before `confineStore`.
 */
export function fitStore(store: S3rverStore, directory: string): void {
  const internals = store as StoreInternals;
  const { getObject } = internals;
  const temporaryFile = (bucket: string) => join(directory, bucket, TEMPORARY_DIRECTORY, randomUUID());

  /** Writes `content` to a temporary file and renames it onto `path`; nothing is left behind on failure. */
  const writeAtomically = async (bucket: string, path: string, content: Buffer | string | Readable, onChunk?: (chunk: Buffer) => void) => {
    const temporary = temporaryFile(bucket);
    await mkdir(dirname(temporary), { recursive: true });
    await mkdir(dirname(path), { recursive: true });
    try {
      const source = content instanceof Readable ? content : Readable.from([Buffer.from(content)]);
      const observe = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          onChunk?.(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(source, observe, createWriteStream(temporary));
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };

  const keyFile = (bucket: string, key: string) => internals.getResourcePath(bucket, key, 'key');
  const isHashed = (key: string) => key.split('/').some((segment) => fileNameOf(segment) !== segment);

  Object.assign(store, {
    getResourcePath: (bucket: string, key: string | undefined, resource: string) => {
      if (key === undefined || key === '') return join(directory, bucket, `._S3rver_${resource}`);
      if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw s3rverError('KeyTooLongError', 'Your key is too long');
      const segments = key.split('/').map(fileNameOf);
      const last = segments.pop()!;
      return join(directory, bucket, ...segments, `${last}._S3rver_${resource}`);
    },

    putObject: async (object: StoredObject) => {
      const path = internals.getResourcePath(object.bucket, object.key, 'object');
      const md5 = createHash('md5');
      let size = 0;
      await writeAtomically(object.bucket, path, object.content, (chunk) => {
        md5.update(chunk);
        size += chunk.length;
      });
      const digest = md5.digest('hex');
      await internals.putMetadata(object.bucket, object.key, object.metadata, digest);
      if (isHashed(object.key)) await writeAtomically(object.bucket, keyFile(object.bucket, object.key), object.key);
      return { size, md5: digest };
    },

    putMetadata: async (bucket: string, key: string, metadata: Record<string, unknown>, md5?: string) => {
      const json = Object.fromEntries(Object.entries(metadata).filter(([name]) => (ALLOWED_METADATA as readonly string[]).includes(name) || name.startsWith('x-amz-meta-')));
      if (md5) await writeAtomically(bucket, internals.getResourcePath(bucket, key, 'object.md5'), md5);
      await writeAtomically(bucket, internals.getResourcePath(bucket, key, 'metadata.json'), JSON.stringify(json, null, 2));
    },

    copyObject: async (srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacement?: Record<string, unknown>) => {
      const source = (resource: string) => internals.getResourcePath(srcBucket, srcKey, resource);
      const destination = (resource: string) => internals.getResourcePath(destBucket, destKey, resource);
      if (source('object') !== destination('object')) {
        const copy = async (resource: string) => {
          const temporary = temporaryFile(destBucket);
          await mkdir(dirname(temporary), { recursive: true });
          await mkdir(dirname(destination(resource)), { recursive: true });
          await copyFile(source(resource), temporary);
          await rename(temporary, destination(resource));
        };
        await copy('object.md5').catch(() => undefined);
        if (!replacement) await copy('metadata.json').catch(() => undefined);
        await copy('object');
        if (isHashed(destKey)) await writeAtomically(destBucket, keyFile(destBucket, destKey), destKey);
      }
      if (replacement) await internals.putMetadata(destBucket, destKey, replacement);
      return internals.getMetadata(destBucket, destKey);
    },

    // The object may be replaced between reading its size and opening it: open again until both agree.
    getObject: async (bucket: string, key: string, options?: unknown) => {
      for (let attempt = 1; ; attempt++) {
        const object = await getObject.call(store, bucket, key, options);
        if (!object?.content || attempt === 5) return object;
        const content = object.content;
        const { size } = await fstat((content as ReadStream & { fd: number }).fd);
        if (size === Number(object.metadata['content-length'])) return object;
        content.destroy();
      }
    },

    listObjects: async (bucket: string, options: ListOptions) => listObjects(internals, join(directory, bucket), bucket, options),

    putPart: async (bucket: string, uploadId: string, partNumber: number | string, content: Readable) => {
      const uploadDirectory = join(internals.getResourcePath(bucket, undefined, 'uploads'), uploadId);
      if (!(await stat(join(uploadDirectory, 'key')).catch(() => undefined))) throw noSuchUpload();
      const path = join(uploadDirectory, String(partNumber));
      const md5 = createHash('md5');
      let size = 0;
      await writeAtomically(bucket, path, content, (chunk) => {
        md5.update(chunk);
        size += chunk.length;
      });
      const digest = md5.digest('hex');
      await writeFile(`${path}.md5`, digest);
      return { size, md5: digest };
    },

    putObjectMultipart: async (bucket: string, uploadId: string, parts: readonly { number: number; etag: string }[]) => {
      const uploadDirectory = join(internals.getResourcePath(bucket, undefined, 'uploads'), uploadId);
      const [key, metadata] = await Promise.all([
        readFile(join(uploadDirectory, 'key'), 'utf8'),
        readFile(join(uploadDirectory, 'metadata'), 'utf8').then((json) => JSON.parse(json) as Record<string, unknown>),
      ]).catch(() => {
        throw noSuchUpload();
      });
      const ordered = [...parts].sort((a, b) => a.number - b.number);
      const partMd5s = await Promise.all(ordered.map((part) => readFile(join(uploadDirectory, `${part.number}.md5`), 'utf8')));
      const content = Readable.from(concatenate(ordered.map((part) => join(uploadDirectory, String(part.number)))));
      const { size } = await (store as unknown as { putObject(object: StoredObject): Promise<{ size: number }> }).putObject({ bucket, key, content, metadata });
      // S3's multipart ETag: the MD5 of the parts' binary MD5s, then the part count.
      const etag = `${createHash('md5').update(Buffer.concat(partMd5s.map((md5) => Buffer.from(md5.trim(), 'hex')))).digest('hex')}-${ordered.length}`;
      await writeAtomically(bucket, internals.getResourcePath(bucket, key, 'object.md5'), etag);
      await rm(uploadDirectory, { recursive: true, force: true });
      return { size, md5: etag };
    },
  });
}

/** The metadata s3rver keeps for an object (S3Object.ALLOWED_METADATA). */
const ALLOWED_METADATA = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'content-type', 'expires', 'x-amz-storage-class', 'x-amz-website-redirect-location'] as const;

function noSuchUpload() {
  return s3rverError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
}

/** A key segment as a file or directory name: itself when it fits, else its hash (the key is then kept beside the object). */
function fileNameOf(segment: string): string {
  if (Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES && !segment.includes('\0') && !HASHED_SEGMENT.test(segment)) return segment;
  return `${createHash('sha1').update(segment).digest('hex')}~seg`;
}

async function* concatenate(paths: readonly string[]): AsyncGenerator<Buffer> {
  for (const path of paths) yield* createReadStream(path) as AsyncIterable<Buffer>;
}

async function listObjects(store: StoreInternals, bucketPath: string, bucket: string, options: ListOptions) {
  const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
  const keys: string[] = [];
  for (const entry of await readdir(bucketPath, { recursive: true })) {
    if (!entry.endsWith(OBJECT_SUFFIX) || entry.startsWith(TEMPORARY_DIRECTORY)) continue;
    const stored = entry.slice(0, -OBJECT_SUFFIX.length).split(sep);
    const key = stored.some((segment) => HASHED_SEGMENT.test(segment))
      ? await readFile(join(bucketPath, `${entry.slice(0, -OBJECT_SUFFIX.length)}._S3rver_key`), 'utf8').catch(() => undefined)
      : stored.join('/');
    if (key !== undefined) keys.push(key);
  }
  keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const commonPrefixes = new Set<string>();
  const selected: string[] = [];
  let isTruncated = false;
  for (const key of keys) {
    if (key <= startAfter || !key.startsWith(prefix)) continue;
    if (delimiter) {
      const index = key.slice(prefix.length).indexOf(delimiter);
      if (index !== -1) {
        commonPrefixes.add(key.slice(0, prefix.length + index + delimiter.length));
        continue;
      }
    }
    if (selected.length >= maxKeys) {
      isTruncated = true;
      break;
    }
    selected.push(key);
  }
  const objects = await Promise.all(
    selected.map(async (key) => {
      const metadata = await store.getMetadata(bucket, key).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      return metadata && new S3ObjectModel(bucket, key, null, metadata);
    }),
  );
  return { objects: objects.filter((object) => object !== undefined), commonPrefixes: [...commonPrefixes].sort(), isTruncated };
}
