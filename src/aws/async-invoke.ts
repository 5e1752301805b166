import { CfnEventInvokeConfig } from 'aws-cdk-lib/aws-lambda';
import type { SynthContext } from './context.ts';

/**
 * A function's asynchronous invocation config (retries, on-failure queue) as CfnEventInvokeConfig, not
 * `configureAsyncInvoke` + SqsDestination, whose grant adds GetQueueAttributes/GetQueueUrl: the role
 * gets exactly `sqs:SendMessage` on that queue (permissions.ts).
 */
export function addAsyncInvokeConfigs(ctx: SynthContext): void {
  for (const [name, { fn, role }] of ctx.functions) {
    const def = ctx.app.functions![name]!;
    if (def.onAsyncFailureQueue === undefined && def.maximumAsyncRetryAttempts === undefined) continue;
    const config = new CfnEventInvokeConfig(ctx.stack, `${name}AsyncInvokeConfig`, {
      functionName: fn.functionName,
      qualifier: '$LATEST',
      maximumRetryAttempts: def.maximumAsyncRetryAttempts,
      destinationConfig: def.onAsyncFailureQueue === undefined ? undefined : { onFailure: { destination: ctx.queue(def.onAsyncFailureQueue).queueArn } },
    });
    // Lambda checks that the role may send to the destination when the config is created.
    config.node.addDependency(role);
  }
}
