import type { SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { dynamoDb } from '../../../platform/aws-clients.ts';
import { s3 } from '../../../platform/s3.ts';
import { config } from './config.ts';
import { sqs } from './queues.ts';
import { StatusTable } from './status-table.ts';
import { Storage } from './storage.ts';

/** What the services need; handlers build it from the environment, tests may pass their own clock and ids. */
export interface Deps {
  readonly status: StatusTable;
  readonly storage: Storage;
  readonly sqs: SQSClient;
  readonly now: () => string;
  readonly newId: () => string;
}

export function deps(): Deps {
  return {
    status: new StatusTable(dynamoDb(), config.table),
    storage: new Storage(s3(), config.bucket),
    sqs: sqs(),
    now: () => new Date().toISOString(),
    newId: randomUUID,
  };
}
