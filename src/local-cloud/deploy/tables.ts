import { provisionTableSpec, type ProvisionedTable } from '../dynamodb/provision.ts';
import type { DeployContext } from './context.ts';
import type { TablePlan } from './plan.ts';

/** Creates each table unless it exists (a data directory keeps it, with its items); answers them by name. */
export async function deployTables(ctx: DeployContext, tables: readonly TablePlan[]): Promise<Map<string, ProvisionedTable>> {
  const provisioned = new Map<string, ProvisionedTable>();
  for (const table of tables) provisioned.set(table.input.TableName, await provisionTableSpec(ctx.services.dynamodb, table));
  return provisioned;
}
