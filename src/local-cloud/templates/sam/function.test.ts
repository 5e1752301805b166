import { describe, expect, it } from 'vitest';
import { fn, transform } from '../../../../test/support/templates/sam-transform.ts';

describe('AWS::Serverless::Function', () => {
  it('becomes AWS::Lambda::Function with the same id and <Fn>Role, code relative to the template', () => {
    const { resources } = transform(
      { Worker: fn({ FunctionName: { 'Fn::Sub': '${AWS::StackName}-worker' }, Environment: { Variables: { TABLE: { Ref: 'T' } } }, ReservedConcurrentExecutions: 2 }, { DependsOn: 'T', Metadata: { BuildMethod: 'esbuild' } }), T: { Type: 'AWS::DynamoDB::Table' } },
      { Globals: { Function: { Timeout: 15, MemorySize: 128, Environment: { Variables: { STAGE: 'dev' } } } } },
    );

    expect(resources.Worker).toEqual({
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: { 'Fn::Sub': '${AWS::StackName}-worker' },
        Handler: 'app.handler',
        Runtime: 'nodejs22.x',
        MemorySize: 128,
        Timeout: 15,
        Role: { 'Fn::GetAtt': ['WorkerRole', 'Arn'] },
        Environment: { Variables: { STAGE: 'dev', TABLE: { Ref: 'T' } } },
        ReservedConcurrentExecutions: 2,
        Code: { LocalPath: '/app/src' },
        Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }],
      },
      DependsOn: 'T',
      Metadata: { BuildMethod: 'esbuild' },
    });
    expect(resources.WorkerRole?.Type).toBe('AWS::IAM::Role');
    expect(Object.keys(resources)).toEqual(['Worker', 'WorkerRole', 'T']);
  });

  it('keeps a given Role, maps InlineCode, S3 code, DeadLetterQueue and Tracing', () => {
    const { resources } = transform({
      A: fn({ Role: 'arn:aws:iam::000000000000:role/r', InlineCode: 'exports.handler=async()=>1', Tracing: 'Active', DeadLetterQueue: { Type: 'SQS', TargetArn: { 'Fn::GetAtt': ['D', 'Arn'] } } }),
      B: fn({ CodeUri: 's3://bucket/path/code.zip', Tracing: 'Disabled' }),
      C: fn({ CodeUri: { Bucket: 'b', Key: 'k' } }),
      D: { Type: 'AWS::SQS::Queue' },
    });

    expect(resources.A?.Properties).toMatchObject({
      Role: 'arn:aws:iam::000000000000:role/r',
      Code: { ZipFile: 'exports.handler=async()=>1' },
      TracingConfig: { Mode: 'Active' },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['D', 'Arn'] } },
    });
    expect(resources.ARole).toBeUndefined();
    expect(resources.B?.Properties?.Code).toEqual({ S3Bucket: 'bucket', S3Key: 'path/code.zip' });
    expect(resources.B?.Properties?.TracingConfig).toBeUndefined();
    expect(resources.C?.Properties?.Code).toEqual({ S3Bucket: 'b', S3Key: 'k' });
  });

  it('generates the function URL and its public permissions', () => {
    const { resources } = transform({ Web: fn({ FunctionUrlConfig: { AuthType: 'NONE', Cors: { AllowOrigins: ['*'] } } }) });

    expect(resources.WebUrl).toEqual({ Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', Cors: { AllowOrigins: ['*'] }, TargetFunctionArn: { Ref: 'Web' } } });
    expect(resources.WebUrlPublicPermissions?.Properties).toMatchObject({ Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'NONE', Principal: '*' });
    expect(resources.WebURLInvokeAllowPublicAccess?.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', InvokedViaFunctionUrl: true });
  });

  it('generates <Fn>EventInvokeConfig, and the queue for an SQS destination without Destination', () => {
    const { resources, template } = transform(
      {
        Main: fn({
          EventInvokeConfig: {
            MaximumRetryAttempts: 1,
            DestinationConfig: { OnSuccess: { Type: 'Lambda', Destination: { 'Fn::GetAtt': ['Next', 'Arn'] } }, OnFailure: { Type: 'SQS' } },
          },
        }),
        Next: fn(),
      },
      { Outputs: { Dlq: { Value: { Ref: 'Main.DestinationQueue' } }, Alias: { Value: { Ref: 'Main.Alias' } } } },
    );

    expect(resources.MainEventInvokeConfig).toEqual({
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'Main' },
        Qualifier: '$LATEST',
        DestinationConfig: { OnSuccess: { Destination: { 'Fn::GetAtt': ['Next', 'Arn'] } }, OnFailure: { Destination: { 'Fn::GetAtt': ['MainEventInvokeConfigOnFailureQueue', 'Arn'] } } },
        MaximumRetryAttempts: 1,
      },
    });
    expect(resources.MainEventInvokeConfigOnFailureQueue).toEqual({ Type: 'AWS::SQS::Queue' });
    expect(template.Outputs).toEqual({ Dlq: { Value: { Ref: 'MainEventInvokeConfigOnFailureQueue' } }, Alias: { Value: { Ref: 'Main' } } });
    expect(resources.MainAliaslive).toBeUndefined();
  });

  it('generates the AutoPublishAlias alias, which !Ref Function.Alias names', () => {
    const { resources, template } = transform({ Fn: fn() }, { Globals: { Function: { AutoPublishAlias: 'live-v_1' } }, Outputs: { A: { Value: { Ref: 'Fn.Alias' } } } });

    expect(resources.FnAliasliveDvU1).toEqual({ Type: 'AWS::Lambda::Alias', Properties: { Name: 'live-v_1', FunctionName: { Ref: 'Fn' }, FunctionVersion: '$LATEST' } });
    expect(template.Outputs).toEqual({ A: { Value: { Ref: 'FnAliasliveDvU1' } } });
  });

  it('copies the function Condition onto what it generates', () => {
    const { resources } = transform({ F: fn({ FunctionUrlConfig: { AuthType: 'AWS_IAM' } }, { Condition: 'IsProd' }) });

    expect(resources.F?.Condition).toBe('IsProd');
    expect(resources.FRole?.Condition).toBe('IsProd');
    expect(resources.FUrl?.Condition).toBe('IsProd');
  });

  it('warns about what it does not emulate and reports unsupported event sources', () => {
    const { warnings, unsupported, resources } = transform({
      F: fn({ DeploymentPreference: { Type: 'Canary10Percent5Minutes' }, Bogus: 1, Events: { Rest: { Type: 'Api', Properties: { Path: '/', Method: 'get', RestApiId: { Ref: 'Mine' } } }, Topic: { Type: 'SNS', Properties: { Topic: 'arn' } } } }),
      Link: { Type: 'AWS::Serverless::Connector', Properties: {} },
    });

    expect(warnings.map((w) => w.property)).toEqual(['Bogus', 'DeploymentPreference']);
    expect(unsupported).toEqual([
      { logicalId: 'FRest', type: 'AWS::Serverless::Function Api event', reason: 'RestApiId does not name an AWS::Serverless::Api of this template' },
      { logicalId: 'FTopic', type: 'AWS::Serverless::Function SNS event', reason: 'the SNS event source is not emulated locally' },
    ]);
    expect(resources.Link).toBeUndefined();
  });

  it('refuses a generated id the template already uses, and a bad DeadLetterQueue', () => {
    expect(() => transform({ F: fn(), FRole: { Type: 'AWS::IAM::Role' } })).toThrow('/app/template.yaml: F: the SAM transform generates FRole, which the template already uses');
    expect(() => transform({ F: fn({ DeadLetterQueue: { Type: 'SQS' } }) })).toThrow('F.DeadLetterQueue: DeadLetterQueue needs Type (SQS or SNS) and TargetArn');
  });
});
