import type { LoadedStack } from '../../templates/types.ts';
import type { FunctionPlan, FunctionUrlPlan } from '../plan.ts';
import type { TemplateLookup } from './lookup.ts';
import { nameFromArn, readProperties } from './values.ts';

type AsyncSettings = Pick<FunctionPlan, 'maximumAsyncRetryAttempts' | 'maximumAsyncEventAgeSeconds' | 'onAsyncSuccessArn' | 'onAsyncFailureArn'>;

/** Each `AWS::Lambda::EventInvokeConfig`, by function name (an alias or version qualifier names the function itself locally). */
export function templateAsyncConfigs(stack: LoadedStack, lookup: TemplateLookup): Map<string, AsyncSettings> {
  const configs = new Map<string, AsyncSettings>();
  for (const { logicalId } of stack.resources.filter((r) => r.type === 'AWS::Lambda::EventInvokeConfig')) {
    const p = readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
    const destinations = p.object('DestinationConfig') as { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } } | undefined;
    configs.set(nameFromArn(p.string('FunctionName') ?? ''), {
      ...(p.number('MaximumRetryAttempts') !== undefined && { maximumAsyncRetryAttempts: p.number('MaximumRetryAttempts')! }),
      ...(p.number('MaximumEventAgeInSeconds') !== undefined && { maximumAsyncEventAgeSeconds: p.number('MaximumEventAgeInSeconds')! }),
      ...(destinations?.OnSuccess?.Destination && { onAsyncSuccessArn: destinations.OnSuccess.Destination }),
      ...(destinations?.OnFailure?.Destination && { onAsyncFailureArn: destinations.OnFailure.Destination }),
    });
  }
  return configs;
}

/** Each `AWS::Lambda::Url`, served at `<url>/lambda-url/<id>/`. */
export function templateFunctionUrls(stack: LoadedStack, lookup: TemplateLookup): FunctionUrlPlan[] {
  return stack.resources
    .filter((r) => r.type === 'AWS::Lambda::Url')
    .map(({ logicalId }) => {
      const p = readProperties(stack.resolver.resolveProperties(logicalId, lookup), { file: stack.file, logicalId });
      const cors = p.object('Cors') as Record<string, unknown> | undefined;
      return {
        functionName: nameFromArn(p.string('TargetFunctionArn') ?? ''),
        urlId: lookup.name(logicalId),
        authType: p.string('AuthType') === 'AWS_IAM' ? 'AWS_IAM' : 'NONE',
        ...(cors && {
          cors: {
            ...(cors.AllowOrigins !== undefined && { allowOrigins: cors.AllowOrigins as string[] }),
            ...(cors.AllowMethods !== undefined && { allowMethods: cors.AllowMethods as string[] }),
            ...(cors.AllowHeaders !== undefined && { allowHeaders: cors.AllowHeaders as string[] }),
            ...(cors.ExposeHeaders !== undefined && { exposeHeaders: cors.ExposeHeaders as string[] }),
            ...(cors.AllowCredentials !== undefined && { allowCredentials: cors.AllowCredentials === true || cors.AllowCredentials === 'true' }),
            ...(cors.MaxAge !== undefined && { maxAgeSeconds: Number(cors.MaxAge) }),
          },
        }),
      };
    });
}
