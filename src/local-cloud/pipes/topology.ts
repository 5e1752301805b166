import type { PipeDef } from '../../platform/topology/types.ts';
import type { PipeDefinition } from './definition.ts';

/** Physical names of what a topology pipe refers to by logical name. */
export interface TopologyPipeNames {
  readonly tableName: string;
  readonly busName: string;
  readonly deadLetterQueue?: string;
}

/** A topology's pipe (always DynamoDB stream → event bus) as a general pipe definition. */
export function topologyPipeDefinition(name: string, def: PipeDef, names: TopologyPipeNames): PipeDefinition {
  const { deadLetterQueue: _logical, ...sourceParameters } = def.source ?? {};
  return {
    name,
    source: { kind: 'dynamodb', tableName: names.tableName },
    sourceParameters,
    filters: def.filters ?? [],
    target: {
      kind: 'bus',
      busName: names.busName,
      ...(def.target.source !== undefined && { source: def.target.source }),
      ...(def.target.detailType !== undefined && { detailType: def.target.detailType }),
    },
    ...(names.deadLetterQueue !== undefined && { deadLetterQueue: names.deadLetterQueue }),
  };
}
