import type { DeployContext } from './context.ts';
import type { FunctionUrlPlan } from './plan.ts';

/** Serves each function URL under `/lambda-url/<urlId>` on the main port. */
export function deployFunctionUrls(ctx: DeployContext, urls: readonly FunctionUrlPlan[]): void {
  for (const url of urls) {
    ctx.services.functionUrls.add({ urlId: url.urlId, functionName: url.functionName, authType: url.authType, ...(url.cors && { cors: url.cors }) });
  }
}
