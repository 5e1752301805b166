import { CfnOutput, Tags } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import type { GlobalSecondaryIndex, KeyAttribute } from '../platform/topology/types.ts';
import type { SynthContext } from './context.ts';
import { outputId } from './naming.ts';

const ATTRIBUTE_TYPES = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY } as const;
const key = (attribute: KeyAttribute): Attribute => ({ name: attribute.name, type: ATTRIBUTE_TYPES[attribute.type] });

/** The stack output holding a table's name for `.env`, named after its `nameEnv`. */
export const tableOutputId = (nameEnv: string): string => outputId(nameEnv);

/**
 * One on-demand table per declaration: keys, GSIs, stream, TTL, point-in-time recovery (on unless
 * declared false), tags, an output for its `nameEnv`. Dev tables are deleted with the stack; other stages keep them.
 */
export function addTables(ctx: SynthContext): void {
  for (const [name, def] of Object.entries(ctx.app.tables ?? {})) {
    const table = new Table(ctx.stack, `${name}Table`, {
      tableName: ctx.name('table', name),
      partitionKey: key(def.partitionKey),
      sortKey: def.sortKey && key(def.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: def.stream && StreamViewType[def.stream],
      timeToLiveAttribute: def.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: def.pointInTimeRecovery ?? true },
      removalPolicy: ctx.dataRemovalPolicy(),
    });
    for (const index of def.globalSecondaryIndexes ?? []) table.addGlobalSecondaryIndex(gsi(index));
    for (const [key, value] of Object.entries(def.tags ?? {})) Tags.of(table).add(key, value);
    if (def.nameEnv) new CfnOutput(ctx.stack, tableOutputId(def.nameEnv), { value: table.tableName, description: def.nameEnv });
    ctx.tables.set(name, table);
  }
}

function gsi(index: GlobalSecondaryIndex) {
  const projection = index.projection ?? 'ALL';
  return {
    indexName: index.name,
    partitionKey: key(index.partitionKey),
    sortKey: index.sortKey && key(index.sortKey),
    ...(projection === 'ALL' && { projectionType: ProjectionType.ALL }),
    ...(projection === 'KEYS_ONLY' && { projectionType: ProjectionType.KEYS_ONLY }),
    ...(typeof projection === 'object' && { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...projection.include] }),
  };
}

