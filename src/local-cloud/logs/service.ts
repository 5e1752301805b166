import type {
  DescribeLogGroupsResponse,
  DescribeLogStreamsResponse,
  FilterLogEventsResponse,
  GetLogEventsResponse,
  InputLogEvent,
  LogGroup as SdkLogGroup,
  LogStream as SdkLogStream,
  PutLogEventsResponse,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Logger } from '../../platform/log.ts';
import type { StateDb } from '../state/db.ts';
import { constraintViolation, invalidParameter, logGroupExists, logGroupNotFound, logStreamExists, logStreamNotFound } from './errors.ts';
import { filterEvents, getEvents, type FilterQuery, type StreamQuery } from './event-reads.ts';
import { eventId, logGroupArn, logStreamArn, validateGroupName, validateStreamName, type LogGroup, type LogStream } from './models.ts';
import { pageOf } from './paging.ts';
import { validateBatch } from './put-events.ts';
import { LogsStore } from './state.ts';
import { LogWriter, type LogWriterOptions } from './writer.ts';

export interface LogsServiceOptions extends LogWriterOptions {
  db: StateDb;
  logger?: Pick<Logger, 'warn'>;
}

/** The retention periods PutRetentionPolicy accepts, in days. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * The local CloudWatch Logs: log groups, streams and events in the state database. Lambda's
 * runner writes through `append` (batched); the API reads and writes through the other methods,
 * each of which first stores what is still queued, so a read sees every event already printed.
 *
 * @example
 * const logs = new LogsService({ db });
 * logs.append('/aws/lambda/orders', '2024/05/01/[$LATEST]0123…', Date.now(), 'START RequestId: …');
 * logs.filterLogEvents({ group: '/aws/lambda/orders', filterPattern: 'ERROR' });
 */
export class LogsService {
  readonly store: LogsStore;
  readonly writer: LogWriter;
  readonly #clock: () => number;

  constructor(options: LogsServiceOptions) {
    this.store = new LogsStore(options.db);
    this.writer = new LogWriter(this.store, options);
    this.#clock = options.clock ?? Date.now;
  }

  /** Queues one event of a group's stream, creating both on first use (what Lambda does for its functions). */
  append(group: string, stream: string, timestamp: number, message: string): void {
    this.writer.append(group, stream, timestamp, message);
  }

  /** Creates the group unless it exists. */
  ensureLogGroup(name: string): void {
    if (!this.store.group(name)) this.store.insertGroup(name, this.#clock());
  }

  createLogGroup(name: string): void {
    validateGroupName(name);
    if (this.store.group(name)) throw logGroupExists();
    this.store.insertGroup(name, this.#clock());
  }

  deleteLogGroup(name: string): void {
    const group = this.#group(name);
    this.store.deleteGroup(group.id);
    this.writer.forgetIds();
    this.writer.retention.forget(group.id);
  }

  putRetentionPolicy(name: string, days: number | undefined): void {
    if (days !== undefined && !RETENTION_DAYS.includes(days)) {
      throw constraintViolation('retentionInDays', days, `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
    }
    const group = this.#group(name);
    this.store.setRetention(group.id, days);
    this.writer.forgetIds();
    this.writer.sweep();
  }

  createLogStream(groupName: string, name: string): void {
    validateStreamName(name);
    const group = this.#group(groupName);
    if (this.store.stream(group.id, name)) throw logStreamExists();
    this.store.insertStream(group.id, name, this.#clock());
  }

  deleteLogStream(groupName: string, name: string): void {
    const stream = this.#stream(this.#group(groupName), name);
    this.store.deleteStream(stream.id);
    this.writer.forgetIds();
    this.writer.retention.forget(stream.groupId);
  }

  /** An app's own PutLogEvents: stored at once, in order after anything already queued. */
  putLogEvents(groupName: string, streamName: string, events: readonly InputLogEvent[]): PutLogEventsResponse {
    const group = this.#group(groupName);
    const stream = this.#stream(group, streamName);
    const { accepted, rejected } = validateBatch(events, this.#clock(), this.writer.retention.maxAgeOf(group.retentionDays));
    for (const event of accepted) this.writer.append(group.name, stream.name, event.timestamp, event.message);
    this.writer.flush();
    const last = accepted.at(-1);
    return {
      ...(last && { nextSequenceToken: eventId({ timestamp: last.timestamp, seq: 0 }) }),
      ...(rejected && { rejectedLogEventsInfo: rejected }),
    };
  }

  describeLogGroups(query: { prefix?: string; pattern?: string; identifiers?: string[]; limit: number; nextToken?: string }): DescribeLogGroupsResponse {
    if (query.prefix !== undefined && query.pattern !== undefined) {
      throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    }
    this.writer.flush();
    const pattern = query.pattern?.toLowerCase();
    const groups = this.store
      .groups()
      .filter((group) => query.prefix === undefined || group.name.startsWith(query.prefix))
      .filter((group) => pattern === undefined || group.name.toLowerCase().includes(pattern))
      .filter((group) => query.identifiers === undefined || query.identifiers.includes(group.name));
    const page = pageOf(groups, (group) => [group.name], false, query.limit, query.nextToken);
    const logGroups = page.items.map((group) => toSdkGroup(group, this.store.storedBytes(group.id)));
    return { logGroups, ...(page.nextToken && { nextToken: page.nextToken }) };
  }

  describeLogStreams(query: { group: string; prefix?: string; orderBy: 'LogStreamName' | 'LastEventTime'; descending: boolean; limit: number; nextToken?: string }): DescribeLogStreamsResponse {
    if (query.orderBy === 'LastEventTime' && query.prefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
    this.writer.flush();
    const group = this.#group(query.group);
    const byTime = query.orderBy === 'LastEventTime';
    const keyOf = (stream: LogStream) => (byTime ? [stream.lastEventAt ?? 0, stream.name] : [stream.name]);
    const streams = this.store.streams(group.id).filter((stream) => query.prefix === undefined || stream.name.startsWith(query.prefix));
    if (byTime) streams.sort((a, b) => (a.lastEventAt ?? 0) - (b.lastEventAt ?? 0) || (a.name < b.name ? -1 : 1));
    if (query.descending) streams.reverse();
    const page = pageOf(streams, keyOf, query.descending, query.limit, query.nextToken);
    return { logStreams: page.items.map((stream) => toSdkStream(group, stream)), ...(page.nextToken && { nextToken: page.nextToken }) };
  }

  getLogEvents(query: StreamQuery & { group: string; stream: string }): GetLogEventsResponse {
    this.writer.flush();
    return getEvents(this.store, this.#stream(this.#group(query.group), query.stream), query);
  }

  filterLogEvents(query: FilterQuery & { group: string }): FilterLogEventsResponse {
    this.writer.flush();
    const group = this.#group(query.group);
    return filterEvents(this.store, group, this.store.streams(group.id), query);
  }

  close(): void {
    this.writer.close();
  }

  #group(name: string): LogGroup {
    const group = this.store.group(name);
    if (!group) throw logGroupNotFound();
    return group;
  }

  #stream(group: LogGroup, name: string): LogStream {
    const stream = this.store.stream(group.id, name);
    if (!stream) throw logStreamNotFound();
    return stream;
  }
}

function toSdkGroup(group: LogGroup, storedBytes: number): SdkLogGroup {
  return {
    logGroupName: group.name,
    creationTime: group.createdAt,
    ...(group.retentionDays !== undefined && { retentionInDays: group.retentionDays }),
    metricFilterCount: 0,
    arn: logGroupArn(group.name),
    storedBytes,
    logGroupClass: 'STANDARD',
    logGroupArn: logGroupArn(group.name, ''),
  };
}

function toSdkStream(group: LogGroup, stream: LogStream): SdkLogStream {
  return {
    logStreamName: stream.name,
    creationTime: stream.createdAt,
    ...(stream.firstEventAt !== undefined && { firstEventTimestamp: stream.firstEventAt }),
    ...(stream.lastEventAt !== undefined && { lastEventTimestamp: stream.lastEventAt }),
    ...(stream.lastIngestedAt !== undefined && { lastIngestionTime: stream.lastIngestedAt }),
    arn: logStreamArn(group.name, stream.name),
    // AWS stopped reporting a stream's stored bytes in 2019: always 0.
    storedBytes: 0,
  };
}
