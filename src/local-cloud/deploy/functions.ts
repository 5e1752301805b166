import type { AsyncInvokeConfig } from '../delivery/destination-record.ts';
import { LocalCloudError } from '../errors.ts';
import type { DeployContext } from './context.ts';
import type { FunctionPlan } from './plan.ts';

/** Registers each function with the runner (sandboxes start lazily, on first invocation) and its async-invoke settings. */
export function deployFunctions(ctx: DeployContext, functions: readonly FunctionPlan[]): void {
  const { runner, dispatcher } = ctx.services;
  for (const fn of functions) {
    const asyncConfig = asyncInvokeConfig(fn);
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
    for (const invokedAs of [fn.name, ...(fn.aliases ?? [])]) dispatcher.configureAsyncInvoke(invokedAs, asyncConfig);
    // The function's log group exists from the deploy (as a stack that declares it has), so reading the logs of a function not yet invoked finds none rather than failing.
    ctx.services.logs.ensureLogGroup(`/aws/lambda/${fn.name}`);
  }
}

/** EventInvokeConfig and DeadLetterConfig, checked against AWS's ranges. */
function asyncInvokeConfig(fn: FunctionPlan): AsyncInvokeConfig {
  const check = (field: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new LocalCloudError(`Function ${fn.name}: ${field} must be a whole number from ${min} to ${max}, got ${value}.`);
    }
  };
  check('MaximumRetryAttempts', fn.maximumAsyncRetryAttempts, 0, 2);
  check('MaximumEventAgeInSeconds', fn.maximumAsyncEventAgeSeconds, 60, 21_600);
  return {
    ...(fn.maximumAsyncRetryAttempts !== undefined && { maximumRetryAttempts: fn.maximumAsyncRetryAttempts }),
    ...(fn.maximumAsyncEventAgeSeconds !== undefined && { maximumEventAgeSeconds: fn.maximumAsyncEventAgeSeconds }),
    ...(fn.onAsyncSuccessArn !== undefined && { onSuccessArn: fn.onAsyncSuccessArn }),
    ...(fn.onAsyncFailureArn !== undefined && { onFailureArn: fn.onAsyncFailureArn }),
    ...(fn.deadLetterArn !== undefined && { deadLetterArn: fn.deadLetterArn }),
  };
}
