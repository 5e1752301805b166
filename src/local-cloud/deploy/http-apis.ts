import type { DeployContext } from './context.ts';
import type { HttpApiPlan } from './plan.ts';

/** Serves each HTTP API under `/apis/<id>` on the main port. */
export function deployHttpApis(ctx: DeployContext, apis: readonly HttpApiPlan[]): void {
  for (const api of apis) {
    ctx.services.gateway.addApi({ id: api.id, routes: api.routes.map((r) => ({ ...r })), ...(api.cors && { cors: api.cors }), ...(api.stages && { stages: api.stages }) });
  }
}
