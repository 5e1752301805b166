import type {
  DescribeRuleResponse,
  PutEventsRequestEntry,
  PutRuleRequest,
  PutTargetsRequest,
  Rule,
  Target,
  TestEventPatternRequest,
} from '@aws-sdk/client-eventbridge';
import { notImplemented, type AwsJsonService } from '../protocol/aws-json.ts';
import type { EventBridgeService } from './bus.ts';
import { invalidEventPattern, validation } from './errors.ts';
import { jsonPathProblem } from '../../platform/event-pattern/json-path.ts';
import type { RuleConfig, TargetConfig } from './models.ts';
import { InvalidEventPatternException, matchesEventPattern, validateEventPattern } from '../../platform/event-pattern/index.ts';

type Input = Record<string, unknown>;

/** The EventBridge AWS JSON 1.1 endpoint (`X-Amz-Target: AWSEvents.<Operation>`). */
export function createEventBridgeApi(service: EventBridgeService): AwsJsonService {
  const operations: Record<string, (input: Input) => unknown> = {
    PutEvents: (input) => service.putEvents(((input.Entries as PutEventsRequestEntry[] | undefined) ?? []).map(fromWireEntry)),
    PutRule: (input) => putRule(service, input as unknown as PutRuleRequest),
    PutTargets: (input) => putTargets(service, input as unknown as PutTargetsRequest),
    RemoveTargets: (input) => {
      service.removeTargets(str(input.EventBusName), required(input, 'Rule'), (input.Ids as string[] | undefined) ?? []);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    DeleteRule: (input) => service.deleteRule(str(input.EventBusName), required(input, 'Name')),
    DescribeRule: (input) => describeRule(service, service.getRule(str(input.EventBusName), required(input, 'Name'))),
    EnableRule: (input) => setState(service, input, 'ENABLED'),
    DisableRule: (input) => setState(service, input, 'DISABLED'),
    ListRules: (input) => ({
      Rules: service.listRules(str(input.EventBusName), str(input.NamePrefix)).map((rule): Rule => ({ ...describeRule(service, rule) })),
    }),
    ListTargetsByRule: (input) => ({
      Targets: service.getRule(str(input.EventBusName), required(input, 'Rule')).targets.map(toWireTarget),
    }),
    TestEventPattern: (input) => testEventPattern(input as unknown as TestEventPatternRequest),
    CreateEventBus: (input) => ({ EventBusArn: service.createBus(required(input, 'Name')) }),
    DeleteEventBus: (input) => {
      service.deleteBus(required(input, 'Name'));
      return {};
    },
    DescribeEventBus: (input) => {
      const name = service.resolveBus(str(input.Name));
      return { Name: name, Arn: service.busArn(name) };
    },
    ListEventBuses: () => ({ EventBuses: service.listBuses().map((name) => ({ Name: name, Arn: service.busArn(name) })) }),
  };
  return {
    targetPrefix: 'AWSEvents',
    jsonVersion: '1.1',
    errorNamespace: 'com.amazonaws.eventbridge',
    async handle(operation, input) {
      const handler = operations[operation];
      if (!handler) throw notImplemented('EventBridge', operation);
      return handler(input);
    },
  };
}

function putRule(service: EventBridgeService, input: PutRuleRequest): unknown {
  const name = required(input as unknown as Input, 'Name');
  if (input.EventPattern) checkPattern(input.EventPattern);
  const ruleArn = service.putRule({
    name,
    busName: input.EventBusName ?? 'default',
    ...(input.EventPattern && { eventPattern: input.EventPattern }),
    ...(input.ScheduleExpression && { scheduleExpression: input.ScheduleExpression }),
    state: input.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    ...(input.Description !== undefined && { description: input.Description }),
  });
  return { RuleArn: ruleArn };
}

function putTargets(service: EventBridgeService, input: PutTargetsRequest): unknown {
  const targets = (input.Targets ?? []).map(fromWireTarget);
  if (targets.length < 1 || targets.length > 10) throw validation('Targets must have between 1 and 10 entries.');
  service.putTargets(input.EventBusName, required(input as unknown as Input, 'Rule'), targets);
  return { FailedEntryCount: 0, FailedEntries: [] };
}

function testEventPattern(input: TestEventPatternRequest): unknown {
  if (!input.EventPattern || !input.Event) throw validation('EventPattern and Event are required.');
  checkPattern(input.EventPattern);
  let event: unknown;
  try {
    event = JSON.parse(input.Event);
  } catch {
    throw validation('Parameter Event is not valid JSON.');
  }
  return { Result: matchesEventPattern(input.EventPattern, event) };
}

function setState(service: EventBridgeService, input: Input, state: 'ENABLED' | 'DISABLED'): unknown {
  const rule = service.getRule(str(input.EventBusName), required(input, 'Name'));
  service.putRule({ ...rule, state });
  return {};
}

function describeRule(service: EventBridgeService, rule: RuleConfig): DescribeRuleResponse {
  return {
    Name: rule.name,
    Arn: service.ruleArn(rule.busName, rule.name),
    ...(rule.eventPattern !== undefined && { EventPattern: rule.eventPattern }),
    ...(rule.scheduleExpression !== undefined && { ScheduleExpression: rule.scheduleExpression }),
    State: rule.state,
    EventBusName: rule.busName,
    ...(rule.description !== undefined && { Description: rule.description }),
  };
}

function checkPattern(pattern: string): void {
  try {
    validateEventPattern(pattern, { dialect: 'rule' });
  } catch (error) {
    if (error instanceof InvalidEventPatternException) throw invalidEventPattern(error.message);
    throw error;
  }
}

/** JSON-protocol timestamps arrive as epoch seconds. */
function fromWireEntry(entry: PutEventsRequestEntry): PutEventsRequestEntry {
  const time = entry.Time as unknown;
  return typeof time === 'number' ? { ...entry, Time: new Date(time * 1000) } : entry;
}

export function fromWireTarget(target: Target): TargetConfig {
  if (!target.Id || !target.Arn) throw validation('Each target needs Id and Arn.');
  const paths = [target.InputPath, ...Object.values(target.InputTransformer?.InputPathsMap ?? {})].filter((p): p is string => p !== undefined);
  for (const path of paths) {
    const problem = jsonPathProblem(path);
    if (problem) throw validation(`Target ${target.Id}: ${problem}`);
  }
  return {
    id: target.Id,
    arn: target.Arn,
    ...(target.Input !== undefined && { input: target.Input }),
    ...(target.InputPath !== undefined && { inputPath: target.InputPath }),
    ...(target.InputTransformer?.InputTemplate !== undefined && {
      inputTransformer: { inputTemplate: target.InputTransformer.InputTemplate, inputPathsMap: target.InputTransformer.InputPathsMap ?? {} },
    }),
    ...(target.RetryPolicy && {
      retryPolicy: {
        ...(target.RetryPolicy.MaximumRetryAttempts !== undefined && { maximumRetryAttempts: target.RetryPolicy.MaximumRetryAttempts }),
        ...(target.RetryPolicy.MaximumEventAgeInSeconds !== undefined && { maximumEventAgeInSeconds: target.RetryPolicy.MaximumEventAgeInSeconds }),
      },
    }),
    ...(target.DeadLetterConfig?.Arn !== undefined && { deadLetterArn: target.DeadLetterConfig.Arn }),
  };
}

function toWireTarget(target: TargetConfig): Target {
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

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function required(input: Input, field: string): string {
  const value = str(input[field]);
  if (!value) throw validation(`1 validation error detected: Value null at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`);
  return value;
}
