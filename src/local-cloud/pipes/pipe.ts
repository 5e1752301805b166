import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Logger } from '../../platform/log.ts';
import type { ActivityFeed } from '../activity/index.ts';
import type { PipeDef } from '../../platform/topology/types.ts';
import type { QueueSender } from '../delivery/ports.ts';
import type { TargetDispatcher } from '../delivery/target-dispatcher.ts';
import type { EventBridgeService } from '../eventbridge/bus.ts';
import { arn } from '../identity.ts';
import type { FunctionRunner } from '../lambda/runner/index.ts';
import type { SqsService } from '../sqs/index.ts';
import type { StateDb } from '../state/db.ts';
import type { CheckpointStore, StreamFeeds } from '../streams/index.ts';
import { PipeCore } from './core.ts';
import type { PipeDefinition } from './definition.ts';
import { LambdaEnrichment } from './enrichment.ts';
import { PipeDefinitionError } from './errors.ts';
import { InputTemplate } from './input-template.ts';
import { createSource, sourceArnOf } from './sources/create.ts';
import type { PipeSource } from './sources/source.ts';
import { createTarget } from './targets/create.ts';
import { topologyPipeDefinition } from './topology.ts';
import { validatePipe } from './validate.ts';

/** The services a pipe reads from and sends to; each source and target kind uses only its own. */
export interface PipeServices {
  db: StateDb;
  streams: DynamoDBStreamsClient;
  checkpoints: CheckpointStore;
  /** The cloud's shared stream reads, for a DynamoDB source; default none (the pipe reads on its own). */
  streamFeeds?: StreamFeeds;
  bus: EventBridgeService;
  /** Sends to the dead-letter queue and to an SQS target. */
  queues: QueueSender;
  /** Needed by an SQS source. */
  sqs?: Pick<SqsService, 'receiveMessages' | 'deleteMessage' | 'queueArn'>;
  /** Needed by a Kinesis source or target (an HTTP/1.1 client on kinesalite). */
  kinesis?: KinesisClient;
  /** Needed by a Lambda enrichment or target. */
  functions?: Pick<FunctionRunner, 'has' | 'invoke'>;
  /** Needed by a FIRE_AND_FORGET Lambda target. */
  dispatcher?: Pick<TargetDispatcher, 'invokeAsync'>;
  logger: Logger;
  now?: () => number;
  /** First retry delay of a stream source after a failed delivery; doubles up to 30 s. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Where records read, deliveries and retries are reported; default the bus service's feed (the cloud's). */
  activity?: ActivityFeed;
}

export interface PipeOptions extends PipeServices {
  definition: PipeDefinition;
  /** ARN of the source stream (DynamoDB, Kinesis); an SQS source needs none. */
  streamArn?: string;
  /** A Kinesis source's retention: with MaximumRecordAgeInSeconds −1, retries stop when a record expires. Default 24. */
  retentionHours?: number;
}

/** How a topology's pipe (DynamoDB stream → event bus) was created before pipes were general; still accepted. */
export interface TopologyPipeOptions extends PipeServices {
  /** Physical pipe name. */
  name: string;
  definition: PipeDef;
  streamArn: string;
  busName: string;
  /** Physical name of the dead-letter queue, if any. */
  deadLetterQueue?: string;
}

/**
 * An EventBridge Pipe: a source reader (DynamoDB stream, Kinesis stream, SQS queue) hands batches to
 * the pipe core (filter → optional Lambda enrichment → input template), which sends them to one
 * target (event bus, queue, function, Kinesis stream). Where the target lives in the state database
 * the delivery and the source's checkpoint or message deletes commit in one transaction, so a crash
 * neither loses nor repeats one.
 *
 * @example
 * const pipe = new Pipe({ definition, streamArn, ...services, logger });
 * await pipe.start();
 * // ...
 * await pipe.stop();
 */
export class Pipe {
  readonly arn: string;
  readonly name: string;
  private readonly core: PipeCore;
  private readonly source: PipeSource;

  constructor(options: PipeOptions | TopologyPipeOptions) {
    const { definition, streamArn, retentionHours } = normalize(options);
    validatePipe(definition);
    const now = options.now ?? Date.now;
    const activity = options.activity ?? options.bus.activity;
    this.name = definition.name;
    this.arn = arn('pipes', `pipe/${definition.name}`);
    this.core = new PipeCore({
      name: this.name,
      arn: this.arn,
      sourceKind: definition.source.kind,
      sourceArn: sourceArnOf(definition, streamArn),
      filters: definition.filters,
      ...(definition.enrichment && { enrichment: enrichment(definition, options) }),
      target: createTarget(definition, this.arn, options),
      ...(definition.inputTemplate !== undefined && { inputTemplate: compile(definition, definition.inputTemplate) }),
      db: options.db,
      logger: options.logger,
      now,
      activity,
    });
    this.source = createSource(definition, this.core, {
      ...options,
      activity,
      pipeArn: this.arn,
      ...(streamArn !== undefined && { streamArn }),
      ...(retentionHours !== undefined && { retentionHours }),
      now,
    });
  }

  /** Resolves once the pipe knows where in its source it starts. */
  start(): Promise<void> {
    return this.source.start();
  }

  async stop(): Promise<void> {
    await this.source.stop();
  }

  stats(): { delivered: number; filteredOut: number } {
    return this.core.stats();
  }
}

function normalize(options: PipeOptions | TopologyPipeOptions): { definition: PipeDefinition; streamArn?: string; retentionHours?: number } {
  if (!('busName' in options)) return options;
  const { name, definition, busName, deadLetterQueue, streamArn } = options;
  const names = { tableName: definition.sourceTable, busName, ...(deadLetterQueue !== undefined && { deadLetterQueue }) };
  return { definition: topologyPipeDefinition(name, definition, names), streamArn };
}

function enrichment(definition: PipeDefinition, services: PipeServices) {
  const { functionName, inputTemplate } = definition.enrichment!;
  if (!services.functions) throw new PipeDefinitionError(definition.name, 'a Lambda enrichment needs the function runner, which this cloud did not provide.');
  const lambda = new LambdaEnrichment({ functions: services.functions, functionName, functionArn: arn('lambda', `function:${functionName}`) });
  return { lambda, ...(inputTemplate !== undefined && { inputTemplate: compile(definition, inputTemplate) }) };
}

function compile(definition: PipeDefinition, template: string): InputTemplate {
  try {
    return InputTemplate.compile(template);
  } catch (error) {
    throw new PipeDefinitionError(definition.name, (error as Error).message, { cause: error });
  }
}
