import { provisionTableSpec, type ProvisionedTable } from '../dynamodb/provision.ts';
import type { DeployContext } from './context.ts';
import type { TablePlan } from './plan.ts';

/** Creates each table unless it exists (a data directory keeps it, with its items); answers them by name. */
export async function deployTables(ctx: DeployContext, tables: readonly TablePlan[]): Promise<Map<string, ProvisionedTable>> {
  // At once: DynamoDB Local creates tables in parallel, and a fresh start creates every one.
  const provisioned = await Promise.all(tables.map((table) => provisionTableSpec(ctx.services.dynamodb, table)));
  return new Map(provisioned.map((table) => [table.name, table]));
}
