import { describe, expect, it } from 'vitest';
import type { PipeDefinition, PipeTargetDefinition } from './definition.ts';
import { PipeDefinitionError } from './errors.ts';
import { validatePipe } from './validate.ts';

const targets: Record<string, PipeTargetDefinition> = {
  bus: { kind: 'bus', busName: 'shop' },
  sqs: { kind: 'sqs', queueName: 'orders' },
  kinesis: { kind: 'kinesis', streamName: 'events', partitionKey: 'k' },
  lambda: { kind: 'lambda', functionName: 'fn', invocationType: 'REQUEST_RESPONSE' },
};

function pipe(target: PipeTargetDefinition, batchSize?: number): PipeDefinition {
  return { name: 'p', source: { kind: 'dynamodb', tableName: 't' }, sourceParameters: { ...(batchSize !== undefined && { batchSize }) }, filters: [], target };
}

describe('validatePipe', () => {
  it.each([
    ['bus', 10],
    ['sqs', 10],
    ['kinesis', 500],
    ['lambda', 10_000],
  ])('takes a %s target with a batch of %i and refuses one record more, as Pipes does', (kind, limit) => {
    expect(() => validatePipe(pipe(targets[kind]!, limit))).not.toThrow();
    expect(() => validatePipe(pipe(targets[kind]!))).not.toThrow();
    const tooMany = () => validatePipe(pipe(targets[kind]!, limit + 1));
    if (limit < 10_000) {
      expect(tooMany).toThrow(PipeDefinitionError);
      expect(tooMany).toThrow(`BatchSize ${limit + 1} is more than a ${kind} target takes in one batch (${limit}).`);
    } else {
      expect(tooMany).toThrow('BatchSize must be an integer from 1 to 10000');
    }
  });
});
