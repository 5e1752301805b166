import type { TargetDispatcher } from '../../delivery/target-dispatcher.ts';
import type { FunctionRunner } from '../../lambda/runner/index.ts';
import type { PipeTargetDefinition } from '../definition.ts';
import { PipeDeliveryError } from '../errors.ts';
import type { PipeTarget, TargetEvent } from './target.ts';

export interface LambdaTargetOptions {
  readonly functions: Pick<FunctionRunner, 'has' | 'invoke'>;
  readonly dispatcher: Pick<TargetDispatcher, 'invokeAsync'>;
  readonly functionArn: string;
  readonly pipeArn: string;
}

/**
 * A function, invoked with the whole batch as a JSON array (Lambda has no batch API). Synchronous
 * (`REQUEST_RESPONSE`): a function error fails the batch, and a `batchItemFailures` response names
 * the events to retry. `FIRE_AND_FORGET`: an asynchronous invocation queued in the durable outbox
 * in the source's transaction, then retried by Lambda's own asynchronous rules.
 */
export function lambdaTarget(target: Extract<PipeTargetDefinition, { kind: 'lambda' }>, options: LambdaTargetOptions): PipeTarget {
  const { functions, functionArn } = options;
  const name = target.functionName;
  const exists = () => {
    if (!functions.has(name)) throw new PipeDeliveryError('target', `ResourceNotFoundException: Function not found: ${functionArn}`);
  };
  const batch = (events: readonly TargetEvent[]) => events.map((event) => event.payload);
  if (target.invocationType === 'FIRE_AND_FORGET') {
    return {
      kind: 'local',
      arn: functionArn,
      stage(events) {
        exists();
        options.dispatcher.invokeAsync(functionArn, JSON.stringify(batch(events)), options.pipeArn, 'pipe');
        return () => undefined;
      },
    };
  }
  return {
    kind: 'remote',
    arn: functionArn,
    async send(events) {
      exists();
      const result = await functions.invoke(name, batch(events));
      if (!result.ok) throw new PipeDeliveryError('target', `${result.error.errorType}: ${result.error.errorMessage}`);
      return failedItems(result.payload);
    },
  };
}

/**
 * The identifiers of a `batchItemFailures` response. Any other response is a success; a malformed
 * list (not a list, an item without a string identifier) fails the whole batch, as AWS does.
 */
export function failedItems(payload: unknown): readonly string[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !('batchItemFailures' in payload)) return [];
  const failures = (payload as { batchItemFailures: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return [];
  if (!Array.isArray(failures)) throw new PipeDeliveryError('target', 'batchItemFailures is not a list');
  return failures.map((failure: unknown) => {
    const id = typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '') throw new PipeDeliveryError('target', 'a batch item failure has no itemIdentifier');
    return id;
  });
}
