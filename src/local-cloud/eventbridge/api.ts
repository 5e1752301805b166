import type { DescribeRuleResponse, PutEventsRequestEntry, Rule } from '@aws-sdk/client-eventbridge';
import { type AwsJsonService } from '../protocol/aws-json.ts';
import { findOperation } from '../protocol/operations.ts';
import { InvalidEventPatternException, matchesEventPattern, validateEventPattern } from '../../platform/event-pattern/index.ts';
import { objectList, optionalString, optionalStringList, optionalTimestamp, requiredString, type Input } from './api-input.ts';
import { targetsFromWire, toWireTarget } from './api-targets.ts';
import type { EventBridgeService } from './bus.ts';
import { invalidEventPattern, validation } from './errors.ts';
import type { RuleConfig } from './models.ts';
import { checkBusName, checkDocumentDepth, checkRuleName } from './validate.ts';

export { fromWireTarget } from './api-targets.ts';

/**
 * The largest EventBridge request read (413 beyond): PutEvents carries at most 1 MB; an entry is at
 * most 256 KB, checked per entry with AWS's error.
 */
export const EVENTBRIDGE_MAX_REQUEST_BYTES = 1_048_576;

/** PutRule's State values (the CloudTrail one behaves as ENABLED here). */
const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

/** The EventBridge AWS JSON 1.1 endpoint (`X-Amz-Target: AWSEvents.<Operation>`); input is read by api-input.ts, never cast. */
export function createEventBridgeApi(service: EventBridgeService): AwsJsonService {
  const bus = (input: Input) => optionalString(input, 'EventBusName') || undefined;
  const operations: Record<string, (input: Input) => unknown> = {
    PutEvents: (input) => service.putEvents(putEventsEntries(input)),
    PutRule: (input) => putRule(service, input),
    PutTargets: (input) => {
      service.putTargets(bus(input), requiredString(input, 'Rule'), targetsFromWire(input));
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    RemoveTargets: (input) => {
      service.removeTargets(bus(input), requiredString(input, 'Rule'), optionalStringList(input, 'Ids') ?? []);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    DeleteRule: (input) => service.deleteRule(bus(input), requiredString(input, 'Name')),
    DescribeRule: (input) => describeRule(service, service.getRule(bus(input), requiredString(input, 'Name'))),
    EnableRule: (input) => setState(service, input, 'ENABLED'),
    DisableRule: (input) => setState(service, input, 'DISABLED'),
    ListRules: (input) => ({
      Rules: service.listRules(bus(input), optionalString(input, 'NamePrefix')).map((rule): Rule => ({ ...describeRule(service, rule) })),
    }),
    ListTargetsByRule: (input) => ({
      Targets: service.getRule(bus(input), requiredString(input, 'Rule')).targets.map(toWireTarget),
    }),
    TestEventPattern: (input) => testEventPattern(input),
    CreateEventBus: (input) => {
      const name = requiredString(input, 'Name');
      checkBusName(name);
      return { EventBusArn: service.createBus(name) };
    },
    DeleteEventBus: (input) => {
      service.deleteBus(requiredString(input, 'Name'));
      return {};
    },
    DescribeEventBus: (input) => {
      const name = service.resolveBus(optionalString(input, 'Name') || undefined);
      return { Name: name, Arn: service.busArn(name) };
    },
    ListEventBuses: () => ({ EventBuses: service.listBuses().map((name) => ({ Name: name, Arn: service.busArn(name) })) }),
  };
  return {
    targetPrefix: 'AWSEvents',
    jsonVersion: '1.1',
    errorNamespace: 'com.amazonaws.eventbridge',
    maxRequestBytes: EVENTBRIDGE_MAX_REQUEST_BYTES,
    handle: async (operation, input) => findOperation(operations, 'EventBridge', operation)(input),
  };
}

/** PutEvents' entries in the SDK's shape; a missing Source, DetailType or Detail fails that entry alone (bus.ts), as on AWS. */
function putEventsEntries(input: Input): PutEventsRequestEntry[] {
  return objectList(input, 'Entries').map((raw, index) => {
    const path = `Entries[${index}]`;
    const entry: PutEventsRequestEntry = {
      Source: optionalString(raw, 'Source', `${path}.Source`),
      DetailType: optionalString(raw, 'DetailType', `${path}.DetailType`),
      Detail: optionalString(raw, 'Detail', `${path}.Detail`),
      Resources: optionalStringList(raw, 'Resources', `${path}.Resources`),
      EventBusName: optionalString(raw, 'EventBusName', `${path}.EventBusName`),
      Time: optionalTimestamp(raw, 'Time', `${path}.Time`),
      TraceHeader: optionalString(raw, 'TraceHeader', `${path}.TraceHeader`),
    };
    if (entry.Detail !== undefined) checkDocumentDepth(`${path}.Detail`, entry.Detail);
    return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as PutEventsRequestEntry;
  });
}

function putRule(service: EventBridgeService, input: Input): unknown {
  const name = requiredString(input, 'Name');
  checkRuleName(name);
  const eventPattern = optionalString(input, 'EventPattern');
  const scheduleExpression = optionalString(input, 'ScheduleExpression');
  const state = optionalString(input, 'State');
  const description = optionalString(input, 'Description');
  if (eventPattern) checkPattern(eventPattern);
  if (state !== undefined && !RULE_STATES.includes(state)) {
    throw validation(`1 validation error detected: Value '${state.slice(0, 64)}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${RULE_STATES.join(', ')}]`);
  }
  const ruleArn = service.putRule({
    name,
    busName: optionalString(input, 'EventBusName') || 'default',
    ...(eventPattern && { eventPattern }),
    ...(scheduleExpression && { scheduleExpression }),
    state: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    ...(description !== undefined && { description }),
  });
  return { RuleArn: ruleArn };
}

function testEventPattern(input: Input): unknown {
  const pattern = optionalString(input, 'EventPattern');
  const eventText = optionalString(input, 'Event');
  if (!pattern || !eventText) throw validation('EventPattern and Event are required.');
  checkPattern(pattern);
  checkDocumentDepth('Event', eventText);
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw validation('Parameter Event is not valid JSON.');
  }
  return { Result: matchesEventPattern(pattern, event) };
}

function setState(service: EventBridgeService, input: Input, state: 'ENABLED' | 'DISABLED'): unknown {
  const rule = service.getRule(optionalString(input, 'EventBusName') || undefined, requiredString(input, 'Name'));
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
  checkDocumentDepth('EventPattern', pattern);
  try {
    validateEventPattern(pattern, { dialect: 'rule' });
  } catch (error) {
    if (error instanceof InvalidEventPatternException) throw invalidEventPattern(error.message);
    throw error;
  }
}
