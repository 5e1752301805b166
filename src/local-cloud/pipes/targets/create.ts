import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { QueueSender } from '../../delivery/ports.ts';
import type { TargetDispatcher } from '../../delivery/target-dispatcher.ts';
import type { EventBridgeService } from '../../eventbridge/bus.ts';
import { arn } from '../../identity.ts';
import type { FunctionRunner } from '../../lambda/runner/index.ts';
import type { PipeDefinition } from '../definition.ts';
import { PipeDefinitionError } from '../errors.ts';
import { EVENT_SOURCES } from '../events.ts';
import { busTarget } from './bus.ts';
import { kinesisTarget } from './kinesis.ts';
import { lambdaTarget } from './lambda.ts';
import { sqsTarget } from './sqs.ts';
import type { PipeTarget } from './target.ts';

/** The services the target senders use (each kind needs only its own). */
export interface TargetServices {
  readonly bus: EventBridgeService;
  readonly queues: QueueSender;
  readonly functions?: Pick<FunctionRunner, 'has' | 'invoke'>;
  readonly dispatcher?: Pick<TargetDispatcher, 'invokeAsync'>;
  readonly kinesis?: KinesisClient;
}

/** The sender for a pipe's target. */
export function createTarget(pipe: PipeDefinition, pipeArn: string, services: TargetServices): PipeTarget {
  const target = pipe.target;
  const missing = (service: string) => new PipeDefinitionError(pipe.name, `a ${target.kind} target needs ${service}, which this cloud did not provide.`);
  switch (target.kind) {
    case 'bus':
      return busTarget(target, { bus: services.bus, pipeName: pipe.name, eventSource: EVENT_SOURCES[pipe.source.kind] });
    case 'sqs':
      return sqsTarget(target, { queues: services.queues, arn: arn('sqs', target.queueName) });
    case 'lambda': {
      if (!services.functions || !services.dispatcher) throw missing('the function runner and the target dispatcher');
      const functionArn = arn('lambda', `function:${target.functionName}`);
      return lambdaTarget(target, { functions: services.functions, dispatcher: services.dispatcher, functionArn, pipeArn });
    }
    case 'kinesis':
      if (!services.kinesis) throw missing('a Kinesis client');
      return kinesisTarget(target, { client: services.kinesis, arn: arn('kinesis', `stream/${target.streamName}`) });
  }
}
