import type { FilterCriteria, StartingPosition, StreamSourceParameters } from '../../../platform/topology/types.ts';
import { TemplateError } from '../../templates/errors.ts';
import type { LoadedStack } from '../../templates/types.ts';
import type { EventSourcePlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, patternObject, readProperties, type PropertyReader } from './values.ts';

/** Each `AWS::Lambda::EventSourceMapping` as a mapping of the local Lambda (SQS, DynamoDB stream or Kinesis source). */
export function templateEventSources(stack: LoadedStack, lookup: TemplateLookup): EventSourcePlan[] {
  return stack.resources
    .filter((resource) => resource.type === 'AWS::Lambda::EventSourceMapping')
    .map(({ logicalId }) => {
      const p = readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
      const where = (property: string) => ({ file: stack.file, logicalId, property: `Properties.${property}` });
      const sourceArn = p.string('EventSourceArn');
      if (!sourceArn) throw new TemplateError('an event source mapping needs an EventSourceArn (self-managed Kafka and Amazon MQ are not emulated)', where('EventSourceArn'));
      const functionName = nameFromArn(p.string('FunctionName') ?? '');
      const service = sourceArn.split(':')[2];
      const filterCriteria = filters(p, where('FilterCriteria'));
      const common = {
        ...(p.number('BatchSize') !== undefined && { batchSize: p.number('BatchSize')! }),
        ...(p.number('MaximumBatchingWindowInSeconds') !== undefined && { maximumBatchingWindowInSeconds: p.number('MaximumBatchingWindowInSeconds')! }),
        ...(filterCriteria && { filterCriteria }),
        ...(reportsItemFailures(p) && { reportBatchItemFailures: true }),
        ...(p.boolean('Enabled') === false && { enabled: false }),
      };
      if (service === 'sqs') {
        const maximumConcurrency = p.object('ScalingConfig')?.MaximumConcurrency;
        return {
          kind: 'sqs',
          functionName,
          queueName: nameFromArn(sourceArn),
          parameters: { ...common, ...(maximumConcurrency !== undefined && { maximumConcurrency: Number(maximumConcurrency) }) },
        };
      }
      if (service !== 'dynamodb' && service !== 'kinesis') throw new TemplateError(`a ${service} event source is not emulated (SQS, DynamoDB streams and Kinesis are)`, where('EventSourceArn'));
      const onFailure = (p.object('DestinationConfig')?.OnFailure as { Destination?: string } | undefined)?.Destination;
      if (onFailure && onFailure.split(':')[2] !== 'sqs') throw new TemplateError('only an SQS queue can be an on-failure destination locally', where('DestinationConfig.OnFailure.Destination'));
      const parameters: StreamSourceParameters = {
        ...common,
        startingPosition: (p.string('StartingPosition') ?? 'LATEST') as StartingPosition,
        ...(p.number('MaximumRetryAttempts') !== undefined && { maximumRetryAttempts: p.number('MaximumRetryAttempts')! }),
        ...(p.number('MaximumRecordAgeInSeconds') !== undefined && { maximumRecordAgeInSeconds: p.number('MaximumRecordAgeInSeconds')! }),
        ...(p.boolean('BisectBatchOnFunctionError') !== undefined && { bisectBatchOnFunctionError: p.boolean('BisectBatchOnFunctionError')! }),
        ...(p.number('ParallelizationFactor') !== undefined && { parallelizationFactor: p.number('ParallelizationFactor')! }),
      };
      const onFailureQueue = onFailure ? nameFromArn(onFailure) : undefined;
      if (service === 'kinesis') return { kind: 'kinesis', functionName, streamName: nameFromArn(sourceArn), parameters, ...(onFailureQueue && { onFailureQueue }) };
      return { kind: 'dynamodb', functionName, tableName: nameFromArn(sourceArn), parameters, ...(onFailureQueue && { onFailureQueue }) };
    });
}

function reportsItemFailures(p: PropertyReader): boolean {
  return (p.array('FunctionResponseTypes') ?? []).includes('ReportBatchItemFailures');
}

/** `FilterCriteria.Filters[].Pattern` (JSON text in CloudFormation) as patterns. */
function filters(p: PropertyReader, where: { file: string; logicalId: string; property: string }): FilterCriteria | undefined {
  const list = (p.object('FilterCriteria')?.Filters ?? []) as { Pattern?: unknown }[];
  if (list.length === 0) return undefined;
  return { patterns: list.map((filter, index) => patternObject(filter.Pattern, { ...where, property: `${where.property}.Filters.${index}.Pattern` })) };
}
