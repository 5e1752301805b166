import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import type { PipeDef } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';
import { AwsSynthError } from './errors.ts';
import { streamReadStatements } from './permissions.ts';

/**
 * Pipes from a table's stream to a bus (filter, batch settings, DLQ), each with a role that may only
 * read that stream, put events on that bus and send to its DLQ.
 */
export function addPipes(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.pipes ?? {})) {
    const streamArn = ctx.table(def.sourceTable).tableStreamArn;
    if (!streamArn) throw new AwsSynthError(`${ctx.app.name}: pipe "${name}" reads table "${def.sourceTable}", which has no stream.`);
    const role = pipeRole(ctx, name, def, streamArn);
    const pipe = new CfnPipe(ctx.stack, `${name}Pipe`, {
      name: ctx.name('pipe', name),
      roleArn: role.roleArn,
      source: streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: sourceParameters(ctx, def),
        filterCriteria: def.filters && { filters: def.filters.map((pattern) => ({ pattern: ctx.json(pattern) })) },
      },
      target: ctx.bus(def.target.bus).eventBusArn,
      targetParameters: { eventBridgeEventBusParameters: { source: def.target.source, detailType: def.target.detailType } },
    });
    // Pipes checks its role's permissions on creation: the policy must exist first.
    pipe.node.addDependency(role);
  }
}

function sourceParameters(ctx: SynthContext, def: PipeDef): CfnPipe.PipeSourceDynamoDBStreamParametersProperty {
  const source = def.source ?? {};
  return {
    startingPosition: source.startingPosition ?? 'LATEST',
    batchSize: source.batchSize,
    maximumBatchingWindowInSeconds: source.maximumBatchingWindowInSeconds,
    maximumRetryAttempts: source.maximumRetryAttempts,
    maximumRecordAgeInSeconds: source.maximumRecordAgeInSeconds,
    onPartialBatchItemFailure: source.onPartialBatchItemFailure,
    deadLetterConfig: source.deadLetterQueue ? { arn: ctx.queue(source.deadLetterQueue).queueArn } : undefined,
  };
}

function pipeRole(ctx: SynthContext, name: string, def: PipeDef, streamArn: string): Role {
  const role = new Role(ctx.stack, `${name}PipeRole`, {
    assumedBy: new ServicePrincipal('pipes.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': ctx.stack.account } } }),
  });
  for (const statement of streamReadStatements(streamArn)) role.addToPolicy(statement);
  role.addToPolicy(new PolicyStatement({ actions: ['events:PutEvents'], resources: [ctx.bus(def.target.bus).eventBusArn] }));
  const dlq = def.source?.deadLetterQueue;
  if (dlq) role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [ctx.queue(dlq).queueArn] }));
  return role;
}
