import { S3Client } from '@aws-sdk/client-s3';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppDef } from '../../src/platform/topology/types.ts';
import { testCredentials } from '../support/cloud.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/functions/${name}`, import.meta.url));

/** An app with two buckets: a recorder notified of `in/*.csv` creations, one of removals, and a copier. */
export function s3App(name: string, eventsFile: string, removalsFile: string): AppDef {
  return {
    name,
    buckets: { uploads: {}, results: { versioned: true } },
    functions: {
      onCsv: {
        handler: `${fixture('eventbridge-recorder.ts')}#handler`,
        environment: { EVENTS_FILE: eventsFile },
        triggers: [{ type: 's3', bucket: 'uploads', prefix: 'in/', suffix: '.csv' }],
      },
      onRemoved: {
        handler: `${fixture('eventbridge-recorder.ts')}#handler`,
        environment: { EVENTS_FILE: removalsFile },
        triggers: [{ type: 's3', bucket: 'uploads', events: ['s3:ObjectRemoved:*'], prefix: 'in/' }],
      },
      copier: {
        handler: `${fixture('s3-copier.ts')}#handler`,
        timeoutSeconds: 10,
        environment: { OUTPUT_BUCKET: { ref: 'bucketName', name: 'results' } },
        bucketAccess: { uploads: ['GetObject'], results: ['PutObject'] },
        triggers: [{ type: 's3', bucket: 'uploads', prefix: 'copy/' }],
      },
      noop: { handler: `${fixture('noop.ts')}#handler` },
    },
  };
}

/** An S3 client of the kind apps use, pointed at the local cloud's main URL. */
export function s3Client(url: string): S3Client {
  return new S3Client({
    endpoint: url,
    region: 'us-east-1',
    credentials: testCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Every event the recorder fixture wrote to `file` (none yet: empty). */
export function recorded<T = unknown>(file: string): T[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as T) : [];
}
