import type { DynamoDBRecord, KinesisStreamRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { dynamoDbStreamRecord, kinesisRecord } from '../../test/support/aws-events.ts';
import { DomainError, InvalidArgumentsError } from './errors.ts';
import { createLogger, silentLogger } from './log.ts';
import { sequenceNumber, streamBatchWorker, streamWorker } from './stream-worker.ts';

const inserts = (...sequenceNumbers: string[]) => sequenceNumbers.map((seq) => dynamoDbStreamRecord({ eventName: 'INSERT', sequenceNumber: seq, keys: { pk: { S: seq } } }));
const transient = () => new DomainError('throttled', { transient: true });
const failures = (...ids: string[]) => ({ batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) });

describe('streamWorker', () => {
  it('handles every record in order and reports nothing when all succeed', async () => {
    const seen: string[] = [];
    const handler = streamWorker({ handle: async (record: DynamoDBRecord) => void seen.push(sequenceNumber(record)), logger: silentLogger });

    expect(await handler({ Records: inserts('1', '2', '3') })).toEqual(failures());
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('stops at the first transient failure and reports it with every later record', async () => {
    // Prepare
    const seen: string[] = [];
    const handler = streamWorker({
      handle: async (record: DynamoDBRecord) => {
        if (sequenceNumber(record) === '2') throw transient();
        seen.push(sequenceNumber(record));
      },
      logger: silentLogger,
    });

    // Act
    const response = await handler({ Records: inserts('1', '2', '3', '4') });

    // Assess
    expect(response).toEqual(failures('2', '3', '4'));
    expect(seen).toEqual(['1']);
  });

  it('counts an error that is not a DomainError as transient', async () => {
    const handler = streamWorker({ handle: async () => Promise.reject(new Error('socket hang up')), logger: silentLogger });
    expect(await handler({ Records: inserts('7', '8') })).toEqual(failures('7', '8'));
  });

  it('logs and skips a permanent failure, in parse or in handle, and goes on', async () => {
    // Prepare
    const lines: { level: string; message: string; sequenceNumber: string }[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
    const seen: string[] = [];
    const handler = streamWorker({
      parse: (record: KinesisStreamRecord) => {
        const data = Buffer.from(record.kinesis.data, 'base64').toString();
        if (data === 'garbage') throw new InvalidArgumentsError('not an event');
        return data;
      },
      handle: async (data) => {
        if (data === 'duplicate') throw new DomainError('already applied', { expected: true });
        if (data === 'refused') throw new DomainError('cannot apply');
        seen.push(data);
      },
      logger,
    });

    // Act
    const response = await handler({ Records: ['a', 'garbage', 'duplicate', 'refused', 'b'].map((data, i) => kinesisRecord(data, `s${i}`)) });

    // Assess
    expect(response).toEqual(failures());
    expect(seen).toEqual(['a', 'b']);
    expect(lines.map((line) => [line.level, line.sequenceNumber])).toEqual([
      ['warn', 's1'],
      ['info', 's2'],
      ['warn', 's3'],
    ]);
  });

  it('skips a record whose parse returns undefined without calling handle', async () => {
    let calls = 0;
    const handler = streamWorker({ parse: () => undefined, handle: async () => void calls++, logger: silentLogger });
    expect(await handler({ Records: inserts('1') })).toEqual(failures());
    expect(calls).toBe(0);
  });

  it('answers an event without records', async () => {
    const handler = streamWorker({ handle: async () => undefined, logger: silentLogger });
    expect(await handler({})).toEqual(failures());
  });
});

describe('streamBatchWorker', () => {
  it('hands the parsed records over at once and reports the first one not done with every record after it', async () => {
    // Prepare: record 2 needs nothing, record 4 is done only up to the sink's second item
    const handed: string[][] = [];
    const handler = streamBatchWorker({
      parse: (record: DynamoDBRecord) => (sequenceNumber(record) === '2' ? undefined : sequenceNumber(record)),
      handleBatch: async (items) => {
        handed.push(items.map(({ item }) => item));
        return 2;
      },
      logger: silentLogger,
    });

    // Act
    const response = await handler({ Records: inserts('1', '2', '3', '4', '5') });

    // Assess
    expect(handed).toEqual([['1', '3', '4', '5']]);
    expect(response).toEqual(failures('4', '5'));
  });

  it('skips what cannot be parsed permanently; a transient parse failure ends the batch at that record', async () => {
    const handed: string[][] = [];
    const handler = streamBatchWorker({
      parse: (record: DynamoDBRecord) => {
        const seq = sequenceNumber(record);
        if (seq === '2') throw new InvalidArgumentsError('not an event item');
        if (seq === '4') throw transient();
        return seq;
      },
      handleBatch: async (items) => (handed.push(items.map(({ item }) => item)), items.length),
      logger: silentLogger,
    });

    expect(await handler({ Records: inserts('1', '2', '3', '4', '5') })).toEqual(failures('4', '5'));
    expect(handed).toEqual([['1', '3']]);
  });

  it('lets a throwing sink fail the whole invocation (the mapping retries and bisects)', async () => {
    const handler = streamBatchWorker({ handleBatch: async () => Promise.reject(new Error('stream not found')), logger: silentLogger });
    await expect(handler({ Records: inserts('1') })).rejects.toThrow('stream not found');
  });

  it('does not call the sink when no record needs anything', async () => {
    let calls = 0;
    const handler = streamBatchWorker({ parse: () => undefined, handleBatch: async () => (calls++, 0), logger: silentLogger });
    expect(await handler({ Records: inserts('1', '2') })).toEqual(failures());
    expect(calls).toBe(0);
  });
});
