import type { GetScheduleGroupOutput, GetScheduleOutput, ScheduleSummary, Target } from '@aws-sdk/client-scheduler';
import { readText } from '../protocol/body.ts';
import { AwsServiceError, notImplemented } from '../protocol/errors.ts';
import { exceedsDepth, MAX_REQUEST_DEPTH } from '../protocol/json-depth.ts';
import { ownOperation } from '../protocol/operations.ts';
import { wireTypeProblem, type WireShape } from '../protocol/wire-shape.ts';
import { validation } from './errors.ts';
import { groupArn, scheduleArn, type ScheduleConfig, type ScheduleGroupRecord } from './models.ts';
import type { SchedulerService } from './service.ts';
import type { ScheduleInput } from './validate.ts';

/** An SDK output as it travels: REST-JSON timestamps are epoch seconds. */
type Wire<T> = { [K in keyof T]: Exclude<T[K], undefined> extends Date ? number : T[K] };

type Operation = (name: string, query: URLSearchParams, body: Record<string, unknown>) => unknown;

/** The largest request read (413 beyond): a schedule is small; its largest member, the target's Input, becomes an event or a message of at most 256 KiB. */
const MAX_REQUEST_BYTES = 524_288;

/** The wire types of CreateSchedule / UpdateSchedule / CreateScheduleGroup members the service reads. */
const BODY_SHAPE: WireShape = {
  ScheduleExpression: 'string',
  ScheduleExpressionTimezone: 'string',
  State: 'string',
  ActionAfterCompletion: 'string',
  Description: 'string',
  KmsKeyArn: 'string',
  GroupName: 'string',
  ClientToken: 'string',
  StartDate: 'timestamp',
  EndDate: 'timestamp',
  FlexibleTimeWindow: { Mode: 'string', MaximumWindowInMinutes: 'integer' },
  Target: {
    Arn: 'string',
    RoleArn: 'string',
    Input: 'string',
    RetryPolicy: { MaximumRetryAttempts: 'integer', MaximumEventAgeInSeconds: 'integer' },
    DeadLetterConfig: { Arn: 'string' },
    EventBridgeParameters: { DetailType: 'string', Source: 'string' },
    SqsParameters: { MessageGroupId: 'string' },
    KinesisParameters: { PartitionKey: 'string' },
  },
  Tags: [{ Key: 'string', Value: 'string' }],
};

/**
 * EventBridge Scheduler's REST-JSON API (`/schedules/{Name}`, `/schedule-groups/{Name}`):
 * route → parse → invoke → serialize; errors carry `x-amzn-errortype`, which
 * `@aws-sdk/client-scheduler` maps to its exception classes.
 */
export async function handleSchedulerApi(service: SchedulerService, request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const [collection, encodedName, ...rest] = url.pathname.slice(1).split('/');
    const name = encodedName === undefined || encodedName === '' ? undefined : decodeName(encodedName);
    const operation = rest.length === 0 ? route(service, request.method, collection ?? '', name) : undefined;
    if (!operation) throw notImplemented('Scheduler', `${request.method} ${url.pathname}`);
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await readText(request, MAX_REQUEST_BYTES);
    const output = operation(name ?? '', url.searchParams, parseBody(text));
    return new Response(JSON.stringify(output ?? {}), { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID() } });
  } catch (error) {
    return schedulerError(error);
  }
}

function route(service: SchedulerService, method: string, collection: string, name: string | undefined): Operation | undefined {
  const ops: Record<string, Operation | undefined> =
    collection === 'schedules'
      ? name === undefined
        ? { GET: (_, query) => listSchedules(service, query) }
        : {
            POST: (n, _, body) => ({ ScheduleArn: service.createSchedule(n, body as ScheduleInput) }),
            PUT: (n, _, body) => ({ ScheduleArn: service.updateSchedule(n, body as ScheduleInput) }),
            GET: (n, query) => toGetSchedule(service.getSchedule(query.get('groupName') ?? undefined, n)),
            DELETE: (n, query) => service.deleteSchedule(query.get('groupName') ?? undefined, n),
          }
      : collection === 'schedule-groups'
        ? name === undefined
          ? { GET: (_, query) => listGroups(service, query) }
          : {
              POST: (n) => ({ ScheduleGroupArn: groupArn(service.createGroup(n).name) }),
              GET: (n) => toGroup(service.getGroup(n)),
              DELETE: (n) => service.deleteGroup(n),
            }
        : {};
  return ownOperation(ops, method);
}

function decodeName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw validation(`The name ${encoded.slice(0, 64)} is not valid URL encoding.`);
  }
}

function listSchedules(service: SchedulerService, query: URLSearchParams): unknown {
  const all = service.listSchedules({
    ...(query.get('ScheduleGroup') && { group: query.get('ScheduleGroup')! }),
    ...(query.get('NamePrefix') && { namePrefix: query.get('NamePrefix')! }),
    ...(query.get('State') && { state: query.get('State')! }),
  });
  const { items, next } = page(all, query);
  const summaries = items.map(
    (s): Wire<ScheduleSummary> => ({
      Arn: scheduleArn(s.groupName, s.name),
      Name: s.name,
      GroupName: s.groupName,
      State: s.state,
      CreationDate: seconds(s.createdAt),
      LastModificationDate: seconds(s.modifiedAt),
      Target: { Arn: s.target.arn },
    }),
  );
  return { Schedules: summaries, ...(next && { NextToken: next }) };
}

function listGroups(service: SchedulerService, query: URLSearchParams): unknown {
  const { items, next } = page(service.listGroups(query.get('NamePrefix') ?? ''), query);
  return { ScheduleGroups: items.map(toGroup), ...(next && { NextToken: next }) };
}

/** MaxResults 1–100 per page; the token is the offset of the next page. */
function page<T>(all: readonly T[], query: URLSearchParams): { items: T[]; next?: string } {
  const max = query.has('MaxResults') ? Number(query.get('MaxResults')) : 100;
  if (!Number.isInteger(max) || max < 1 || max > 100) throw validation(`1 validation error detected: Value '${query.get('MaxResults')}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`);
  const token = query.get('NextToken');
  const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw validation('Invalid NextToken.');
  const items = all.slice(start, start + max);
  return { items, ...(start + max < all.length && { next: Buffer.from(String(start + max)).toString('base64url') }) };
}

function toGetSchedule(s: ScheduleConfig): Wire<GetScheduleOutput> {
  const { target } = s;
  const wireTarget: Target = {
    Arn: target.arn,
    RoleArn: target.roleArn,
    ...(target.input !== undefined && { Input: target.input }),
    ...(target.retryPolicy && { RetryPolicy: { MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts ?? 185, MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds ?? 86_400 } }),
    ...(target.deadLetterArn !== undefined && { DeadLetterConfig: { Arn: target.deadLetterArn } }),
    ...(target.eventBridgeParameters && { EventBridgeParameters: { DetailType: target.eventBridgeParameters.detailType, Source: target.eventBridgeParameters.source } }),
    ...(target.sqsMessageGroupId !== undefined && { SqsParameters: { MessageGroupId: target.sqsMessageGroupId } }),
  };
  const date = (ms: number | undefined) => (ms === undefined ? undefined : seconds(ms));
  return {
    Arn: scheduleArn(s.groupName, s.name),
    GroupName: s.groupName,
    Name: s.name,
    ScheduleExpression: s.expression,
    ScheduleExpressionTimezone: s.timezone,
    State: s.state,
    CreationDate: date(s.createdAt),
    LastModificationDate: date(s.modifiedAt),
    ActionAfterCompletion: s.actionAfterCompletion,
    FlexibleTimeWindow: s.flexibleWindowMinutes === undefined ? { Mode: 'OFF' } : { Mode: 'FLEXIBLE', MaximumWindowInMinutes: s.flexibleWindowMinutes },
    Target: wireTarget,
    ...(s.startDate !== undefined && { StartDate: date(s.startDate) }),
    ...(s.endDate !== undefined && { EndDate: date(s.endDate) }),
    ...(s.description !== undefined && { Description: s.description }),
    ...(s.kmsKeyArn !== undefined && { KmsKeyArn: s.kmsKeyArn }),
  };
}

function toGroup(group: ScheduleGroupRecord): Wire<GetScheduleGroupOutput> {
  return {
    Arn: groupArn(group.name),
    Name: group.name,
    State: 'ACTIVE',
    CreationDate: seconds(group.createdAt),
    LastModificationDate: seconds(group.modifiedAt),
  };
}

/** REST-JSON timestamps are epoch seconds on the wire. */
function seconds(ms: number): number {
  return ms / 1000;
}

function parseBody(text: string): Record<string, unknown> {
  if (text.length === 0) return {};
  if (exceedsDepth(text, MAX_REQUEST_DEPTH)) throw validation(`The request body nests deeper than ${MAX_REQUEST_DEPTH} levels.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw validation('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw validation('The request body must be a JSON object.');
  const problem = wireTypeProblem(body, BODY_SHAPE);
  if (problem) throw validation(`1 validation error detected: ${problem}`);
  return body as Record<string, unknown>;
}

function schedulerError(error: unknown): Response {
  const failure = error instanceof AwsServiceError ? error : new AwsServiceError('InternalServerException', error instanceof Error ? error.message : String(error), { statusCode: 500 });
  return new Response(JSON.stringify({ Message: failure.message, message: failure.message }), {
    status: failure.statusCode,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID(), 'x-amzn-errortype': failure.code },
  });
}
