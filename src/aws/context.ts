import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Stream } from 'aws-cdk-lib/aws-kinesis';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { replaceRefs } from '../platform/topology/refs.ts';
import type { AppDef, ResourceRef } from '../platform/topology/types.ts';
import { AwsSynthError } from './errors.ts';
import { NAME_LIMITS, physicalName, type NamedKind } from './naming.ts';
import type { ResolvedOptions } from './options.ts';
import { selectResources, type Selection } from './selection.ts';

export interface SynthesizedFunction {
  readonly fn: LambdaFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
}

/**
 * A bucket with its name and ARN as deploy-time strings that do not refer to the bucket resource
 * (see buckets.ts): a function can name it, and be notified by it, without a dependency cycle.
 */
export interface SynthesizedBucket {
  readonly bucket: Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;
}

/** What every construct step shares: the app, the options and the resources made so far, by logical name. */
export class SynthContext {
  readonly tables = new Map<string, Table>();
  readonly queues = new Map<string, Queue>();
  readonly buses = new Map<string, EventBus>();
  readonly buckets = new Map<string, SynthesizedBucket>();
  readonly kinesisStreams = new Map<string, Stream>();
  readonly functions = new Map<string, SynthesizedFunction>();
  readonly selection: Selection;

  constructor(
    readonly stack: Stack,
    readonly app: AppDef,
    readonly options: ResolvedOptions,
  ) {
    this.selection = selectResources(app, options);
  }

  /** Data-holding resources (tables, streams, buckets) go with a dev stack and stay in every other stage (or when `retain`). */
  dataRemovalPolicy(retain = false): RemovalPolicy {
    return retain || this.options.stage !== 'dev' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  }

  /** `<prefix>-<stage>-<app>-<logical>`, trimmed to the kind's AWS limit. */
  name(kind: NamedKind, logical: string): string {
    return physicalName([this.options.prefix, this.options.stage, this.app.name, logical], NAME_LIMITS[kind]);
  }

  table = (name: string): Table => get(this.tables, name, 'table');
  queue = (name: string): Queue => get(this.queues, name, 'queue');
  bus = (name: string): EventBus => get(this.buses, name, 'bus');
  bucket = (name: string): SynthesizedBucket => get(this.buckets, name, 'bucket');
  kinesisStream = (name: string): Stream => get(this.kinesisStreams, name, 'Kinesis stream');
  fn = (name: string): SynthesizedFunction => get(this.functions, name, 'function');

  /** A CDK token for a ResourceRef (a table name, a stream ARN, …). */
  resolveRef = (ref: ResourceRef): string => {
    switch (ref.ref) {
      case 'tableName':
        return this.table(ref.name).tableName;
      case 'tableStreamArn': {
        const arn = this.table(ref.name).tableStreamArn;
        if (!arn) throw new AwsSynthError(`${this.app.name}: tableStreamArn('${ref.name}') refers to a table without a stream.`);
        return arn;
      }
      case 'queueUrl':
        return this.queue(ref.name).queueUrl;
      case 'queueArn':
        return this.queue(ref.name).queueArn;
      case 'busName':
        return this.bus(ref.name).eventBusName;
      case 'busArn':
        return this.bus(ref.name).eventBusArn;
      case 'bucketName':
        return this.bucket(ref.name).bucketName;
      case 'kinesisStreamName':
        return this.kinesisStream(ref.name).streamName;
      case 'kinesisStreamArn':
        return this.kinesisStream(ref.name).streamArn;
    }
  };

  /** A JSON value (an event pattern) as a string, with every ResourceRef inside replaced by its token. */
  json(value: unknown): string {
    return this.stack.toJsonString(replaceRefs(value, this.resolveRef));
  }
}

function get<T>(map: ReadonlyMap<string, T>, name: string, kind: string): T {
  const found = map.get(name);
  if (!found) throw new AwsSynthError(`unknown ${kind} "${name}" (not declared, or not deployed in this stage).`);
  return found;
}
