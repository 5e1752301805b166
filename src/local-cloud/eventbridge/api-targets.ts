import type { Target } from '@aws-sdk/client-eventbridge';
import { jsonPathProblem } from '../../platform/event-pattern/json-path.ts';
import { objectList, optionalInteger, optionalObject, optionalString, optionalStringMap, requiredString, type Input } from './api-input.ts';
import { validation } from './errors.ts';
import type { TargetConfig } from './models.ts';
import { checkTargetId } from './validate.ts';

/** PutTargets' `Targets`, read from the wire: 1–10 entries, each with an Id and an Arn. */
export function targetsFromWire(input: Input): TargetConfig[] {
  const raw = objectList(input, 'Targets');
  if (raw.length < 1 || raw.length > 10) throw validation('Targets must have between 1 and 10 entries.');
  return raw.map((target, index) => fromWireTarget(target, `Targets[${index}]`));
}

export function fromWireTarget(target: Input, path = 'Target'): TargetConfig {
  const id = optionalString(target, 'Id', `${path}.Id`);
  const arn = optionalString(target, 'Arn', `${path}.Arn`);
  if (!id || !arn) throw validation('Each target needs Id and Arn.');
  checkTargetId(`targets.${path}.id`, id);
  const input = optionalString(target, 'Input', `${path}.Input`);
  const inputPath = optionalString(target, 'InputPath', `${path}.InputPath`);
  const transformer = optionalObject(target, 'InputTransformer', `${path}.InputTransformer`);
  const inputTransformer = transformer && {
    inputTemplate: requiredString(transformer, 'InputTemplate', `${path}.InputTransformer.InputTemplate`),
    inputPathsMap: optionalStringMap(transformer, 'InputPathsMap', `${path}.InputTransformer.InputPathsMap`) ?? {},
  };
  for (const jsonPath of [inputPath, ...Object.values(inputTransformer?.inputPathsMap ?? {})]) {
    const problem = jsonPath === undefined ? undefined : jsonPathProblem(jsonPath);
    if (problem) throw validation(`Target ${id}: ${problem}`);
  }
  const retry = optionalObject(target, 'RetryPolicy', `${path}.RetryPolicy`);
  const maximumRetryAttempts = retry && optionalInteger(retry, 'MaximumRetryAttempts', `${path}.RetryPolicy.MaximumRetryAttempts`);
  const maximumEventAgeInSeconds = retry && optionalInteger(retry, 'MaximumEventAgeInSeconds', `${path}.RetryPolicy.MaximumEventAgeInSeconds`);
  const deadLetter = optionalObject(target, 'DeadLetterConfig', `${path}.DeadLetterConfig`);
  const deadLetterArn = deadLetter && optionalString(deadLetter, 'Arn', `${path}.DeadLetterConfig.Arn`);
  return {
    id,
    arn,
    ...(input !== undefined && { input }),
    ...(inputPath !== undefined && { inputPath }),
    ...(inputTransformer && { inputTransformer }),
    ...(retry && {
      retryPolicy: {
        ...(maximumRetryAttempts !== undefined && { maximumRetryAttempts }),
        ...(maximumEventAgeInSeconds !== undefined && { maximumEventAgeInSeconds }),
      },
    }),
    ...(deadLetterArn !== undefined && { deadLetterArn }),
  };
}

export function toWireTarget(target: TargetConfig): Target {
  return {
    Id: target.id,
    Arn: target.arn,
    ...(target.input !== undefined && { Input: target.input }),
    ...(target.inputPath !== undefined && { InputPath: target.inputPath }),
    ...(target.inputTransformer && {
      InputTransformer: { InputTemplate: target.inputTransformer.inputTemplate, InputPathsMap: { ...target.inputTransformer.inputPathsMap } },
    }),
    ...(target.retryPolicy && {
      RetryPolicy: { MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts, MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds },
    }),
    ...(target.deadLetterArn !== undefined && { DeadLetterConfig: { Arn: target.deadLetterArn } }),
  };
}
