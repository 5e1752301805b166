import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sqsRecord } from '../../test/support/aws-events.ts';
import { DomainError, InvalidArgumentsError } from './errors.ts';
import { createLogger, silentLogger } from './log.ts';
import { sqsMessageWorker, sqsWorker } from './sqs-worker.ts';

const record = (messageId: string, body: string): SQSRecord => sqsRecord(messageId, body);
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const transient = () => new DomainError('dependency down', { transient: true });

describe('sqsMessageWorker', () => {
  const schema = z.object({ id: z.string() });

  it('hands each parsed message to the handler, in order', async () => {
    const seen: string[] = [];
    const handler = sqsMessageWorker(schema, async (message) => void seen.push(message.id), silentLogger);

    const response = await handler(batch(record('m1', '{"id":"a"}'), record('m2', '{"id":"b"}')));

    expect(seen).toEqual(['a', 'b']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('reports a transient failure for redelivery and acknowledges a permanent one', async () => {
    const handler = sqsMessageWorker(
      schema,
      async ({ id }) => {
        if (id === 'retry') throw transient();
        if (id === 'give-up') throw new InvalidArgumentsError('cannot be processed');
      },
      silentLogger,
    );

    const response = await handler(batch(record('m1', '{"id":"retry"}'), record('m2', '{"id":"give-up"}'), record('m3', '{"id":"ok"}')));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });

  it('drops a body that is not JSON or does not match the schema without calling the handler', async () => {
    let calls = 0;
    const handler = sqsMessageWorker(schema, async () => void calls++, silentLogger);

    const response = await handler(batch(record('m1', 'not json'), record('m2', '{"id":42}')));

    expect(calls).toBe(0);
    expect(response).toEqual({ batchItemFailures: [] });
  });
});

describe('sqsWorker', () => {
  it('parses the stored event out of the EventBridge envelope around the stream record', async () => {
    const seen: unknown[] = [];
    const handler = sqsWorker({ parse: (item) => item, handle: async (item) => void seen.push(item), logger: silentLogger });
    const body = JSON.stringify({ detail: { dynamodb: { NewImage: { pk: { S: 'ORDER#1' }, amount: { N: '5' } } } } });

    await handler(batch(record('m1', body)));

    expect(seen).toEqual([{ pk: 'ORDER#1', amount: 5 }]);
  });

  it('acknowledges a message without a stream NewImage', async () => {
    const handler = sqsWorker({ parse: (item) => item, handle: async () => undefined, logger: silentLogger });

    expect(await handler(batch(record('m1', '{"detail":{}}')))).toEqual({ batchItemFailures: [] });
  });
});

describe('sqsWorker logging', () => {
  const logged = () => {
    const lines: { level: string; message: string }[] = [];
    return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) }) };
  };

  it('logs an expected permanent outcome (a duplicate) at info and a real one at warn, acknowledging both', async () => {
    // Prepare
    const { lines, logger } = logged();
    const handler = sqsMessageWorker(
      z.object({ id: z.string() }),
      async ({ id }) => {
        if (id === 'duplicate') throw new DomainError('already done', { expected: true });
        throw new DomainError('cannot be done');
      },
      logger,
    );

    // Act
    const response = await handler(batch(record('m1', '{"id":"duplicate"}'), record('m2', '{"id":"broken"}')));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(lines.map(({ level, message }) => [level, message])).toEqual([
      ['info', 'nothing to do, the message is acknowledged'],
      ['warn', 'permanent failure, the message is dropped'],
    ]);
  });

  it('still retries a transient error that claims to be expected', async () => {
    const { logger } = logged();
    const handler = sqsMessageWorker(z.object({}), async () => {
      throw new DomainError('odd', { transient: true, expected: true });
    }, logger);

    expect(await handler(batch(record('m1', '{}')))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
  });
});
