import { TemplateError } from '../../templates/errors.ts';
import type { LoadedStack } from '../../templates/types.ts';
import type { PipePlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, patternObject, readProperties } from './values.ts';

type Warn = (logicalId: string, message: string) => void;

/** Each `AWS::Pipes::Pipe`: a DynamoDB-stream, Kinesis or SQS source; optional Lambda enrichment; a bus, queue, function or Kinesis target. */
export function templatePipes(stack: LoadedStack, lookup: TemplateLookup, warn: Warn): PipePlan[] {
  return stack.resources
    .filter((resource) => resource.type === 'AWS::Pipes::Pipe')
    .map(({ logicalId }) => {
      const p = readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
      const where = (property: string) => ({ file: stack.file, logicalId, property: `Properties.${property}` });
      const sourceArn = p.string('Source') ?? '';
      const targetArn = p.string('Target') ?? '';
      const sourceParameters = p.object('SourceParameters') ?? {};
      const targetParameters = p.object('TargetParameters') ?? {};
      if (p.string('DesiredState') === 'STOPPED') warn(logicalId, 'DesiredState STOPPED is ignored: the pipe runs locally.');
      const sourceService = sourceArn.split(':')[2];
      const streamParameters = (sourceService === 'dynamodb' ? sourceParameters.DynamoDBStreamParameters : sourceService === 'kinesis' ? sourceParameters.KinesisStreamParameters : sourceParameters.SqsQueueParameters) as
        | Record<string, unknown>
        | undefined;
      const s = readProperties(streamParameters ?? {}, { file: stack.file, logicalId, prefix: 'Properties.SourceParameters' });
      const source: PipePlan['source'] =
        sourceService === 'dynamodb'
          ? { kind: 'dynamodb', tableName: nameFromArn(sourceArn) }
          : sourceService === 'kinesis'
            ? { kind: 'kinesis', streamName: nameFromArn(sourceArn) }
            : sourceService === 'sqs'
              ? { kind: 'sqs', queueName: nameFromArn(sourceArn) }
              : unsupported(`a ${sourceService ?? 'missing'} source (DynamoDB streams, Kinesis and SQS are emulated)`, where('Source'));
      const deadLetter = (s.object('DeadLetterConfig')?.Arn as string | undefined) ?? undefined;
      const filters = ((sourceParameters.FilterCriteria as { Filters?: { Pattern?: unknown }[] } | undefined)?.Filters ?? []).map((filter, index) =>
        patternObject(filter.Pattern, where(`SourceParameters.FilterCriteria.Filters.${index}.Pattern`)),
      );
      const enrichmentArn = p.string('Enrichment');
      const enrichmentTemplate = (p.object('EnrichmentParameters')?.InputTemplate as string | undefined) ?? undefined;
      if (enrichmentArn && enrichmentArn.split(':')[2] !== 'lambda') unsupported('an enrichment other than a Lambda function', where('Enrichment'));
      const inputTemplate = targetParameters.InputTemplate as string | undefined;
      return {
        name: lookup.name(logicalId),
        source,
        sourceParameters: {
          ...(s.number('BatchSize') !== undefined && { batchSize: s.number('BatchSize')! }),
          ...(s.number('MaximumBatchingWindowInSeconds') !== undefined && { maximumBatchingWindowInSeconds: s.number('MaximumBatchingWindowInSeconds')! }),
          ...(s.string('StartingPosition') !== undefined && { startingPosition: s.string('StartingPosition') as 'LATEST' | 'TRIM_HORIZON' }),
          ...(s.number('MaximumRetryAttempts') !== undefined && { maximumRetryAttempts: s.number('MaximumRetryAttempts')! }),
          ...(s.number('MaximumRecordAgeInSeconds') !== undefined && { maximumRecordAgeInSeconds: s.number('MaximumRecordAgeInSeconds')! }),
          ...(s.string('OnPartialBatchItemFailure') === 'AUTOMATIC_BISECT' && { onPartialBatchItemFailure: 'AUTOMATIC_BISECT' as const }),
        },
        filters,
        ...(enrichmentArn && { enrichment: { functionName: nameFromArn(enrichmentArn), ...(enrichmentTemplate !== undefined && { inputTemplate: enrichmentTemplate }) } }),
        target: pipeTarget(targetArn, targetParameters, where('Target')),
        ...(inputTemplate !== undefined && { inputTemplate }),
        ...(deadLetter && { deadLetterQueue: nameFromArn(deadLetter) }),
      };
    });
}

function pipeTarget(arn: string, parameters: Record<string, unknown>, where: { file: string; logicalId: string; property: string }): PipePlan['target'] {
  const service = arn.split(':')[2];
  const bus = parameters.EventBridgeEventBusParameters as Record<string, unknown> | undefined;
  const lambda = parameters.LambdaFunctionParameters as { InvocationType?: string } | undefined;
  const kinesis = parameters.KinesisStreamParameters as { PartitionKey?: string } | undefined;
  const sqs = parameters.SqsQueueParameters as { MessageGroupId?: string; MessageDeduplicationId?: string } | undefined;
  switch (service) {
    case 'events':
      return {
        kind: 'bus',
        busName: nameFromArn(arn),
        ...(typeof bus?.Source === 'string' && { source: bus.Source }),
        ...(typeof bus?.DetailType === 'string' && { detailType: bus.DetailType }),
        ...(Array.isArray(bus?.Resources) && { resources: bus.Resources as string[] }),
        ...(typeof bus?.Time === 'string' && { time: bus.Time }),
      };
    case 'sqs':
      return { kind: 'sqs', queueName: nameFromArn(arn), ...(sqs?.MessageGroupId && { messageGroupId: sqs.MessageGroupId }), ...(sqs?.MessageDeduplicationId && { messageDeduplicationId: sqs.MessageDeduplicationId }) };
    case 'lambda':
      return { kind: 'lambda', functionName: nameFromArn(arn), invocationType: lambda?.InvocationType === 'FIRE_AND_FORGET' ? 'FIRE_AND_FORGET' : 'REQUEST_RESPONSE' };
    case 'kinesis':
      if (!kinesis?.PartitionKey) throw new TemplateError('a Kinesis target needs TargetParameters.KinesisStreamParameters.PartitionKey', where);
      return { kind: 'kinesis', streamName: nameFromArn(arn), partitionKey: kinesis.PartitionKey };
    default:
      return unsupported(`a ${service ?? 'missing'} target (event buses, SQS, Lambda and Kinesis are emulated)`, where);
  }
}

function unsupported(what: string, where: { file: string; logicalId: string; property: string }): never {
  throw new TemplateError(`${what} is not emulated locally`, where);
}
