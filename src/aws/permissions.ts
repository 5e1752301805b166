import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { isResourceRef } from '../platform/topology/refs.ts';
import type { FunctionDef } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';

/** Item reads and writes; TransactWriteItems needs no action of its own, only those of its items. */
export const TABLE_ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan'];
export const STREAM_READ_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
export const QUEUE_CONSUME_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'];
export const QUEUE_SEND_ACTIONS = ['sqs:SendMessage'];
export const BUS_PUT_ACTIONS = ['events:PutEvents'];
export const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
/** Actions IAM accepts only on Resource `*` (they have no resource type): the only `*` the templates hold. */
export const WILDCARD_RESOURCE_ACTIONS = ['dynamodb:ListStreams'];

/** What a function touches, derived from its declaration: env references and triggers. */
export type AccessNeed =
  | { readonly kind: 'tableItems' | 'streamRead'; readonly table: string }
  | { readonly kind: 'queueSend' | 'queueConsume'; readonly queue: string }
  | { readonly kind: 'busPut'; readonly bus: string };

export function accessNeeds(def: FunctionDef): AccessNeed[] {
  const needs: AccessNeed[] = [];
  for (const value of Object.values(def.environment ?? {})) {
    if (!isResourceRef(value)) continue;
    if (value.ref === 'tableName') needs.push({ kind: 'tableItems', table: value.name });
    else if (value.ref === 'tableStreamArn') needs.push({ kind: 'streamRead', table: value.name });
    else if (value.ref === 'queueUrl' || value.ref === 'queueArn') needs.push({ kind: 'queueSend', queue: value.name });
    else needs.push({ kind: 'busPut', bus: value.name });
  }
  for (const trigger of def.triggers ?? []) {
    if (trigger.type === 'sqs') needs.push({ kind: 'queueConsume', queue: trigger.queue });
    else {
      needs.push({ kind: 'streamRead', table: trigger.table });
      if (trigger.onFailureQueue) needs.push({ kind: 'queueSend', queue: trigger.onFailureQueue });
    }
  }
  const seen = new Set<string>();
  return needs.filter((need) => !seen.has(JSON.stringify(need)) && Boolean(seen.add(JSON.stringify(need))));
}

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
      const arn = ctx.table(need.table).tableArn;
      return [new PolicyStatement({ actions: TABLE_ITEM_ACTIONS, resources: [arn, `${arn}/index/*`] })];
    }
    case 'streamRead':
      return streamReadStatements(ctx.resolveRef({ ref: 'tableStreamArn', name: need.table }));
    case 'queueSend':
      return [new PolicyStatement({ actions: QUEUE_SEND_ACTIONS, resources: [ctx.queue(need.queue).queueArn] })];
    case 'queueConsume':
      return [new PolicyStatement({ actions: QUEUE_CONSUME_ACTIONS, resources: [ctx.queue(need.queue).queueArn] })];
    case 'busPut':
      return [new PolicyStatement({ actions: BUS_PUT_ACTIONS, resources: [ctx.bus(need.bus).eventBusArn] })];
  }
}
