import type { CfnResource, SamContext } from './context.ts';
import type { SamGlobals } from './globals.ts';
import { withGlobals } from './globals.ts';
import { isPlainObject } from '../intrinsics.ts';

const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = { String: 'S', Number: 'N', Binary: 'B' };

/**
 * `AWS::Serverless::SimpleTable` → `AWS::DynamoDB::Table` with the same id: a hash key from
 * `PrimaryKey` (default `id: String`), on-demand unless `ProvisionedThroughput` is given.
 */
export function simpleTable(logicalId: string, resource: CfnResource, globals: SamGlobals, ctx: SamContext): void {
  const p = withGlobals(globals, resource.Type, resource.Properties ?? {}, resource.IgnoreGlobals);
  let key = { AttributeName: 'id', AttributeType: 'S' };
  if (p.PrimaryKey !== undefined) {
    if (!isPlainObject(p.PrimaryKey)) throw ctx.fail(logicalId, 'PrimaryKey must be a mapping with Name and Type', 'PrimaryKey');
    const { Name, Type } = p.PrimaryKey;
    const attributeType = typeof Type === 'string' ? ATTRIBUTE_TYPES[Type] : undefined;
    if (Name === undefined) throw ctx.fail(logicalId, 'PrimaryKey needs Name', 'PrimaryKey.Name');
    if (attributeType === undefined) throw ctx.fail(logicalId, `invalid PrimaryKey Type "${String(Type)}" (String, Number or Binary)`, 'PrimaryKey.Type');
    key = { AttributeName: Name as string, AttributeType: attributeType };
  }
  const tags = isPlainObject(p.Tags) ? Object.entries(p.Tags).map(([Key, Value]) => ({ Key, Value })) : undefined;
  ctx.add(logicalId, {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      TableName: p.TableName,
      AttributeDefinitions: [key],
      KeySchema: [{ AttributeName: key.AttributeName, KeyType: 'HASH' }],
      ...(p.ProvisionedThroughput === undefined ? { BillingMode: 'PAY_PER_REQUEST' } : { ProvisionedThroughput: p.ProvisionedThroughput }),
      PointInTimeRecoverySpecification: p.PointInTimeRecoverySpecification,
      SSESpecification: p.SSESpecification,
      Tags: tags,
    },
    DependsOn: resource.DependsOn,
    Condition: resource.Condition,
    Metadata: resource.Metadata,
    DeletionPolicy: resource.DeletionPolicy,
    UpdateReplacePolicy: resource.UpdateReplacePolicy,
  });
}
