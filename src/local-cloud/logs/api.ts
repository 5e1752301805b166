import type {
  DescribeLogGroupsCommandInput,
  DescribeLogStreamsCommandInput,
  FilterLogEventsCommandInput,
  GetLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { findOperation, type AwsJsonService } from '../protocol/index.ts';
import { groupOf, logEvents, optionalBoolean, optionalInteger, optionalString, boundedStringList, optionalTime, requiredString, type Input } from './api-input.ts';
import { invalidParameter } from './errors.ts';
import { limitIn } from './paging.ts';
import type { LogsService } from './service.ts';

type Operation = (input: Input) => unknown;

/**
 * The largest Logs request read (413 beyond): a PutLogEvents batch is at most 1 MiB of messages
 * (plus 26 bytes per event, checked with AWS's error); JSON escaping and 10,000 events' framing
 * need room beyond that.
 */
export const LOGS_MAX_REQUEST_BYTES = 2 * 1_048_576 + 524_288;

/**
 * The AWS JSON 1.1 face of the local CloudWatch Logs (`X-Amz-Target: Logs_20140328.<Operation>`),
 * for `@aws-sdk/client-cloudwatch-logs`, `aws logs tail|filter-log-events|get-log-events` and
 * `sam logs`. Operations not listed answer 501 NotImplemented, never a silent no-op.
 *
 * @example
 * const api = createLogsApi(logs);
 * app.post('/', (c) => handleAwsJson(api, c.req.raw));
 */
export function createLogsApi(logs: LogsService): AwsJsonService {
  const operations: Record<string, Operation> = { ...groupOperations(logs), ...eventOperations(logs) };
  return {
    targetPrefix: 'Logs_20140328',
    jsonVersion: '1.1',
    errorNamespace: 'com.amazonaws.cloudwatchlogs',
    maxRequestBytes: LOGS_MAX_REQUEST_BYTES,
    handle: async (operation, input) => findOperation(operations, 'CloudWatchLogs', operation)(input),
  };
}

function groupOperations(logs: LogsService): Record<string, Operation> {
  return {
    CreateLogGroup: (raw) => logs.createLogGroup(requiredString(raw, 'logGroupName')),
    DeleteLogGroup: (raw) => logs.deleteLogGroup(requiredString(raw, 'logGroupName')),
    PutRetentionPolicy: (raw) => {
      const days = optionalInteger(raw, 'retentionInDays');
      if (days === undefined) throw invalidParameter("1 validation error detected: Value null at 'retentionInDays' failed to satisfy constraint: Member must not be null");
      logs.putRetentionPolicy(requiredString(raw, 'logGroupName'), days);
    },
    DeleteRetentionPolicy: (raw) => logs.putRetentionPolicy(requiredString(raw, 'logGroupName'), undefined),
    CreateLogStream: (raw) => logs.createLogStream(requiredString(raw, 'logGroupName'), requiredString(raw, 'logStreamName')),
    DeleteLogStream: (raw) => logs.deleteLogStream(requiredString(raw, 'logGroupName'), requiredString(raw, 'logStreamName')),

    DescribeLogGroups: (raw) => {
      const input: DescribeLogGroupsCommandInput = {
        logGroupNamePrefix: optionalString(raw, 'logGroupNamePrefix'),
        logGroupNamePattern: optionalString(raw, 'logGroupNamePattern'),
        logGroupIdentifiers: boundedStringList(raw, 'logGroupIdentifiers', 50),
        nextToken: optionalString(raw, 'nextToken'),
        limit: optionalInteger(raw, 'limit'),
      };
      return logs.describeLogGroups({
        prefix: input.logGroupNamePrefix,
        pattern: input.logGroupNamePattern,
        identifiers: input.logGroupIdentifiers?.map((identifier) => groupOf({ logGroupIdentifier: identifier })),
        limit: limitIn(input.limit, 50),
        nextToken: input.nextToken,
      });
    },

    DescribeLogStreams: (raw) => {
      const input: DescribeLogStreamsCommandInput = {
        logStreamNamePrefix: optionalString(raw, 'logStreamNamePrefix'),
        orderBy: optionalString(raw, 'orderBy') as DescribeLogStreamsCommandInput['orderBy'],
        descending: optionalBoolean(raw, 'descending'),
        nextToken: optionalString(raw, 'nextToken'),
        limit: optionalInteger(raw, 'limit'),
      };
      const orderBy = input.orderBy ?? 'LogStreamName';
      if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
        throw invalidParameter(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
      }
      return logs.describeLogStreams({
        group: groupOf(raw),
        prefix: input.logStreamNamePrefix,
        orderBy,
        descending: input.descending ?? false,
        limit: limitIn(input.limit, 50),
        nextToken: input.nextToken,
      });
    },
  };
}

function eventOperations(logs: LogsService): Record<string, Operation> {
  return {
    PutLogEvents: (raw) => logs.putLogEvents(requiredString(raw, 'logGroupName'), requiredString(raw, 'logStreamName'), logEvents(raw)),

    GetLogEvents: (raw) => {
      const input: GetLogEventsCommandInput = {
        logStreamName: requiredString(raw, 'logStreamName'),
        startTime: optionalTime(raw, 'startTime'),
        endTime: optionalTime(raw, 'endTime'),
        nextToken: optionalString(raw, 'nextToken'),
        limit: optionalInteger(raw, 'limit'),
        startFromHead: optionalBoolean(raw, 'startFromHead'),
      };
      return logs.getLogEvents({
        group: groupOf(raw),
        stream: input.logStreamName!,
        startTime: input.startTime,
        endTime: input.endTime,
        nextToken: input.nextToken,
        startFromHead: input.startFromHead ?? false,
        limit: limitIn(input.limit, 10_000),
      });
    },

    FilterLogEvents: (raw) => {
      const input: FilterLogEventsCommandInput = {
        logStreamNames: boundedStringList(raw, 'logStreamNames', 100),
        logStreamNamePrefix: optionalString(raw, 'logStreamNamePrefix'),
        startTime: optionalTime(raw, 'startTime'),
        endTime: optionalTime(raw, 'endTime'),
        filterPattern: optionalString(raw, 'filterPattern'),
        nextToken: optionalString(raw, 'nextToken'),
        limit: optionalInteger(raw, 'limit'),
        startFromHead: optionalBoolean(raw, 'startFromHead'),
      };
      if (input.logStreamNames && input.logStreamNamePrefix !== undefined) {
        throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
      }
      return logs.filterLogEvents({
        group: groupOf(raw),
        streamNames: input.logStreamNames,
        streamPrefix: input.logStreamNamePrefix,
        startTime: input.startTime,
        endTime: input.endTime,
        filterPattern: input.filterPattern,
        nextToken: input.nextToken,
        startFromHead: input.startFromHead,
        limit: limitIn(input.limit, 10_000),
      });
    },
  };
}
