import { TARGET_BATCH_LIMITS, type PipeDefinition } from './definition.ts';
import { PipeDefinitionError } from './errors.ts';

/** Pipes takes at most 5 filters. */
const MAX_FILTERS = 5;

/** Rejects parameters outside AWS's ranges, naming the pipe and the parameter. */
export function validatePipe(pipe: PipeDefinition): void {
  const fail = (message: string) => {
    throw new PipeDefinitionError(pipe.name, message);
  };
  const { batchSize, maximumBatchingWindowInSeconds: window, maximumRetryAttempts: retries, maximumRecordAgeInSeconds: age } = pipe.sourceParameters;
  const integer = (value: number | undefined, min: number, max: number) => value === undefined || (Number.isInteger(value) && value >= min && value <= max);
  if (!integer(batchSize, 1, 10_000)) fail(`BatchSize must be an integer from 1 to 10000, got ${batchSize}.`);
  const targetLimit = TARGET_BATCH_LIMITS[pipe.target.kind];
  if (batchSize !== undefined && batchSize > targetLimit) {
    fail(`BatchSize ${batchSize} is more than a ${pipe.target.kind} target takes in one batch (${targetLimit}).`);
  }
  if (!integer(window, 0, 300)) fail(`MaximumBatchingWindowInSeconds must be an integer from 0 to 300, got ${window}.`);
  if (!integer(retries, -1, 10_000)) fail(`MaximumRetryAttempts must be an integer from -1 to 10000, got ${retries}.`);
  if (!integer(age, -1, 604_800)) fail(`MaximumRecordAgeInSeconds must be an integer from -1 to 604800, got ${age}.`);
  if (pipe.filters.length > MAX_FILTERS) fail(`FilterCriteria takes at most ${MAX_FILTERS} filters, got ${pipe.filters.length}.`);
  if (pipe.deadLetterQueue !== undefined && pipe.source.kind === 'sqs') fail("DeadLetterConfig does not apply to an SQS source: use the queue's own redrive policy.");
}
