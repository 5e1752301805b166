import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { isResourceRef } from '../platform/topology/refs.ts';
import type { BucketAction, DynamoDbAction, FunctionDef } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';

/** Of the declared table actions, those that also apply to a table's indexes. */
export const INDEX_ACTIONS: readonly DynamoDbAction[] = ['Query', 'Scan'];
export const STREAM_READ_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
export const QUEUE_CONSUME_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'];
export const QUEUE_SEND_ACTIONS = ['sqs:SendMessage'];
export const BUS_PUT_ACTIONS = ['events:PutEvents'];
export const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
/** Of the declared bucket actions, the one on the bucket itself; the others apply to its objects (`bucket/*`). */
export const BUCKET_LEVEL_ACTIONS: readonly BucketAction[] = ['ListBucket'];
export const KINESIS_WRITE_ACTIONS = ['kinesis:PutRecord', 'kinesis:PutRecords'];
/**
 * What Lambda's Kinesis poller needs (Lambda developer guide, standard iterators): all on the stream.
 * Not SubscribeToShard (enhanced fan-out consumers only) nor ListStreams (`*` only, not required).
 */
export const KINESIS_READ_ACTIONS = ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'];
/** Actions IAM accepts only on Resource `*` (they have no resource type): the only `*` the templates hold. */
export const WILDCARD_RESOURCE_ACTIONS = ['dynamodb:ListStreams'];

/**
 * What a function touches, derived from its declaration: its `tableAccess` and `bucketAccess` (exactly
 * the declared actions), env references to queues, buses and streams, its triggers and its
 * `onAsyncFailureQueue`. A table or
 * bucket name in the environment grants nothing by itself (its `tableAccess`/`bucketAccess` does); a
 * Kinesis stream in the environment means writing to it. An `s3` trigger needs no role grant (S3
 * invokes the function under a resource policy, bucket-notifications.ts).
 */
export type AccessNeed =
  | { readonly kind: 'tableItems'; readonly table: string; readonly actions: readonly DynamoDbAction[] }
  | { readonly kind: 'streamRead'; readonly table: string }
  | { readonly kind: 'queueSend' | 'queueConsume'; readonly queue: string }
  | { readonly kind: 'busPut'; readonly bus: string }
  | { readonly kind: 'bucketObjects'; readonly bucket: string; readonly actions: readonly BucketAction[] }
  | { readonly kind: 'kinesisWrite' | 'kinesisRead'; readonly stream: string };

export function accessNeeds(def: FunctionDef): AccessNeed[] {
  const needs: AccessNeed[] = [];
  for (const [table, actions] of Object.entries(def.tableAccess ?? {})) needs.push({ kind: 'tableItems', table, actions: [...new Set(actions)] });
  for (const [bucket, actions] of Object.entries(def.bucketAccess ?? {})) needs.push({ kind: 'bucketObjects', bucket, actions: [...new Set(actions)] });
  for (const value of Object.values(def.environment ?? {})) {
    if (!isResourceRef(value) || value.ref === 'tableName' || value.ref === 'bucketName') continue;
    if (value.ref === 'kinesisStreamName' || value.ref === 'kinesisStreamArn') needs.push({ kind: 'kinesisWrite', stream: value.name });
    else if (value.ref === 'tableStreamArn') needs.push({ kind: 'streamRead', table: value.name });
    else if (value.ref === 'queueUrl' || value.ref === 'queueArn') needs.push({ kind: 'queueSend', queue: value.name });
    else needs.push({ kind: 'busPut', bus: value.name });
  }
  for (const trigger of def.triggers ?? []) {
    if (trigger.type === 'sqs') needs.push({ kind: 'queueConsume', queue: trigger.queue });
    else if (trigger.type === 'dynamodb-stream' || trigger.type === 'kinesis') {
      needs.push(trigger.type === 'kinesis' ? { kind: 'kinesisRead', stream: trigger.stream } : { kind: 'streamRead', table: trigger.table });
      if (trigger.onFailureQueue) needs.push({ kind: 'queueSend', queue: trigger.onFailureQueue });
    }
  }
  if (def.onAsyncFailureQueue) needs.push({ kind: 'queueSend', queue: def.onAsyncFailureQueue });
  const seen = new Set<string>();
  return needs.filter((need) => !seen.has(JSON.stringify(need)) && Boolean(seen.add(JSON.stringify(need))));
}

const dynamodb = (action: DynamoDbAction): string => `dynamodb:${action}`;
const s3 = (action: BucketAction): string => `s3:${action}`;

export function streamReadStatements(streamArn: string): PolicyStatement[] {
  return [
    new PolicyStatement({ actions: STREAM_READ_ACTIONS, resources: [streamArn] }),
    new PolicyStatement({ actions: WILDCARD_RESOURCE_ACTIONS, resources: ['*'] }),
  ];
}

/** Gives every function its log stream writes plus exactly what `accessNeeds` lists, on those resources only. */
export function grantFunctionAccess(ctx: SynthContext): void {
  for (const [name, { role, logGroup }] of ctx.functions) {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: LOG_ACTIONS, resources: [logGroup.logGroupArn] }));
    for (const need of accessNeeds(ctx.app.functions![name]!)) {
      for (const statement of statementsFor(ctx, need)) role.addToPrincipalPolicy(statement);
    }
  }
}

function statementsFor(ctx: SynthContext, need: AccessNeed): PolicyStatement[] {
  switch (need.kind) {
    case 'tableItems': {
      // Exactly the declared actions on the table; Query/Scan also on each declared GSI (never index/*).
      const arn = ctx.table(need.table).tableArn;
      const statements = [new PolicyStatement({ actions: need.actions.map(dynamodb), resources: [arn] })];
      const indexActions = need.actions.filter((action) => INDEX_ACTIONS.includes(action));
      const indexes = (ctx.app.tables?.[need.table]?.globalSecondaryIndexes ?? []).map((gsi) => `${arn}/index/${gsi.name}`);
      if (indexActions.length > 0 && indexes.length > 0) statements.push(new PolicyStatement({ actions: indexActions.map(dynamodb), resources: indexes }));
      return statements;
    }
    case 'streamRead':
      return streamReadStatements(ctx.resolveRef({ ref: 'tableStreamArn', name: need.table }));
    case 'queueSend':
      return [new PolicyStatement({ actions: QUEUE_SEND_ACTIONS, resources: [ctx.queue(need.queue).queueArn] })];
    case 'queueConsume':
      return [new PolicyStatement({ actions: QUEUE_CONSUME_ACTIONS, resources: [ctx.queue(need.queue).queueArn] })];
    case 'busPut':
      return [new PolicyStatement({ actions: BUS_PUT_ACTIONS, resources: [ctx.bus(need.bus).eventBusArn] })];
    case 'bucketObjects': {
      const arn = ctx.bucket(need.bucket).bucketArn;
      const bucketLevel = need.actions.filter((action) => BUCKET_LEVEL_ACTIONS.includes(action));
      const objectLevel = need.actions.filter((action) => !BUCKET_LEVEL_ACTIONS.includes(action));
      return [
        ...(objectLevel.length > 0 ? [new PolicyStatement({ actions: objectLevel.map(s3), resources: [`${arn}/*`] })] : []),
        ...(bucketLevel.length > 0 ? [new PolicyStatement({ actions: bucketLevel.map(s3), resources: [arn] })] : []),
      ];
    }
    case 'kinesisWrite':
      return [new PolicyStatement({ actions: KINESIS_WRITE_ACTIONS, resources: [ctx.kinesisStream(need.stream).streamArn] })];
    case 'kinesisRead':
      return [new PolicyStatement({ actions: KINESIS_READ_ACTIONS, resources: [ctx.kinesisStream(need.stream).streamArn] })];
  }
}
