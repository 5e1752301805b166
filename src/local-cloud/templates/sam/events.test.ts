import { describe, expect, it } from 'vitest';
import { lambdaTargetId } from './rule-events.ts';
import { fn, transform } from '../../../../test/support/templates/sam-transform.ts';

describe('pull events', () => {
  it('SQS, DynamoDB and Kinesis become <Fn><Event> event source mappings', () => {
    const { resources } = transform({
      Consumer: fn({
        Events: {
          Queue: { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': ['Q', 'Arn'] }, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumBatchingWindowInSeconds: 5 } },
          Stream: {
            Type: 'DynamoDB',
            Properties: {
              Stream: { 'Fn::GetAtt': ['T', 'StreamArn'] },
              StartingPosition: 'TRIM_HORIZON',
              FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
              DestinationConfig: { OnFailure: { Type: 'SQS', Destination: { 'Fn::GetAtt': ['Q', 'Arn'] } } },
            },
          },
          Shards: { Type: 'Kinesis', Properties: { Stream: { 'Fn::GetAtt': ['K', 'Arn'] }, StartingPosition: 'LATEST', ParallelizationFactor: 2 } },
        },
      }),
    });

    expect(resources.ConsumerQueue).toEqual({
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { FunctionName: { Ref: 'Consumer' }, EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] }, BatchSize: 10, MaximumBatchingWindowInSeconds: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] },
    });
    expect(resources.ConsumerStream?.Properties).toEqual({
      FunctionName: { Ref: 'Consumer' },
      EventSourceArn: { 'Fn::GetAtt': ['T', 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Q', 'Arn'] } } },
    });
    expect(resources.ConsumerShards?.Properties).toMatchObject({ EventSourceArn: { 'Fn::GetAtt': ['K', 'Arn'] }, ParallelizationFactor: 2 });
  });

  it('needs the source and, for streams, StartingPosition', () => {
    expect(() => transform({ F: fn({ Events: { E: { Type: 'SQS', Properties: {} } } }) })).toThrow('F.Events.E.Properties.Queue: a SQS event needs Queue');
    expect(() => transform({ F: fn({ Events: { E: { Type: 'Kinesis', Properties: { Stream: 'arn' } } } }) })).toThrow('a Kinesis event needs StartingPosition');
  });
});

describe('rule events', () => {
  it('EventBridgeRule becomes a rule with a Lambda target and <Fn><Event>Permission', () => {
    const { resources } = transform({
      Handler: fn({ Events: { Orders: { Type: 'EventBridgeRule', Properties: { EventBusName: { Ref: 'Bus' }, Pattern: { source: ['shop'] }, RuleName: 'orders', InputPath: '$.detail' } } } }),
    });

    expect(resources.HandlerOrders).toEqual({
      Type: 'AWS::Events::Rule',
      Properties: { EventBusName: { Ref: 'Bus' }, EventPattern: { source: ['shop'] }, Name: 'orders', Targets: [{ Arn: { 'Fn::GetAtt': ['Handler', 'Arn'] }, Id: 'HandlerOrdersLambdaTarget', InputPath: '$.detail' }] },
    });
    expect(resources.HandlerOrdersPermission).toEqual({
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Handler' }, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['HandlerOrders', 'Arn'] } },
    });
  });

  it('Schedule becomes a rule with ScheduleExpression; a Type: SQS dead-letter queue is generated', () => {
    const { resources } = transform({
      Cron: fn({ Events: { Tick: { Type: 'Schedule', Properties: { Schedule: 'rate(1 minute)', Enabled: false, Input: '{"a":1}', DeadLetterConfig: { Type: 'SQS' } } } } }),
    });

    expect(resources.CronTick?.Properties).toEqual({
      ScheduleExpression: 'rate(1 minute)',
      State: 'DISABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': ['Cron', 'Arn'] }, Id: 'CronTickLambdaTarget', Input: '{"a":1}', DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['CronTickQueue', 'Arn'] } } }],
    });
    expect(resources.CronTickQueue?.Type).toBe('AWS::SQS::Queue');
    expect(resources.CronTickQueuePolicy?.Type).toBe('AWS::SQS::QueuePolicy');
    expect(resources.CronTickPermission?.Type).toBe('AWS::Lambda::Permission');
  });

  it('ScheduleV2 becomes an EventBridge Scheduler schedule with a generated role', () => {
    const { resources } = transform({ Job: fn({ Events: { Nightly: { Type: 'ScheduleV2', Properties: { ScheduleExpression: 'cron(0 1 * * ? *)' } } } }) });

    expect(resources.JobNightly).toEqual({
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'cron(0 1 * * ? *)',
        Name: 'JobNightly',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: { 'Fn::GetAtt': ['Job', 'Arn'] }, RoleArn: { 'Fn::GetAtt': ['JobNightlyRole', 'Arn'] } },
      },
    });
    expect(resources.JobNightlyRole?.Type).toBe('AWS::IAM::Role');
  });

  it('cuts long target ids to 64 characters and refuses State with Enabled', () => {
    expect(lambdaTargetId('X'.repeat(60))).toBe(`${'X'.repeat(52)}LambdaTarget`);
    expect(() => transform({ F: fn({ Events: { E: { Type: 'Schedule', Properties: { Schedule: 'rate(1 hour)', State: 'ENABLED', Enabled: true } } } }) })).toThrow(
      'State and Enabled cannot both be specified',
    );
  });
});

describe('S3 events', () => {
  it('adds the notification to the bucket, which depends on <Fn><Event>Permission', () => {
    const { resources } = transform({
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'in' } },
      Reader: fn({ Events: { Upload: { Type: 'S3', Properties: { Bucket: { Ref: 'Bucket' }, Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], Filter: { S3Key: { Rules: [{ Name: 'suffix', Value: '.csv' }] } } } } } }),
    });

    const entry = (event: string) => ({ Event: event, Function: { 'Fn::GetAtt': ['Reader', 'Arn'] }, Filter: { S3Key: { Rules: [{ Name: 'suffix', Value: '.csv' }] } } });
    expect(resources.Bucket).toEqual({
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: 'in', NotificationConfiguration: { LambdaConfigurations: [entry('s3:ObjectCreated:*'), entry('s3:ObjectRemoved:*')] } },
      DependsOn: ['ReaderUploadPermission'],
    });
    expect(resources.ReaderUploadPermission?.Properties).toMatchObject({ Principal: 's3.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' } });
  });

  it('needs a bucket of the same template', () => {
    expect(() => transform({ F: fn({ Events: { E: { Type: 'S3', Properties: { Bucket: 'external', Events: 's3:ObjectCreated:*' } } } }) })).toThrow(
      'F.Events.E.Properties.Bucket: S3 events must reference an AWS::S3::Bucket of the same template with !Ref',
    );
  });
});
