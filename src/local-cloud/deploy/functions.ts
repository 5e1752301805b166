import type { DeployContext } from './context.ts';
import type { FunctionPlan } from './plan.ts';

/** Registers each function with the runner (sandboxes start lazily, on first invocation) and its async-invoke settings. */
export function deployFunctions(ctx: DeployContext, functions: readonly FunctionPlan[]): void {
  const { runner, dispatcher } = ctx.services;
  for (const fn of functions) {
    runner.register({
      name: fn.name,
      modulePath: fn.modulePath,
      exportName: fn.exportName,
      environment: fn.environment,
      timeoutSeconds: fn.timeoutSeconds,
      memoryMb: fn.memoryMb,
      runtime: fn.runtime,
      handler: fn.handler,
      ...(fn.reservedConcurrency !== undefined && { reservedConcurrency: fn.reservedConcurrency }),
      ...(fn.aliases !== undefined && { aliases: fn.aliases }),
    });
    const asyncConfig = {
      ...(fn.maximumAsyncRetryAttempts !== undefined && { maximumRetryAttempts: fn.maximumAsyncRetryAttempts }),
      ...(fn.onAsyncFailureArn !== undefined && { onFailureArn: fn.onAsyncFailureArn }),
    };
    for (const invokedAs of [fn.name, ...(fn.aliases ?? [])]) dispatcher.configureAsyncInvoke(invokedAs, asyncConfig);
  }
}
