import { afterEach, describe, expect, it } from 'vitest';
import { openStateDb, type StateDb } from '../state/db.ts';
import { LogsService, type LogsServiceOptions } from './service.ts';

const GROUP = '/aws/lambda/orders';
const T0 = Date.UTC(2024, 4, 1, 12);

let db: StateDb;
let logs: LogsService;

function open(options: Partial<LogsServiceOptions> = {}): LogsService {
  db = openStateDb(':memory:');
  logs = new LogsService({ db, clock: () => T0 + 60_000, ...options });
  return logs;
}

afterEach(() => {
  logs?.close();
  db?.close();
});

/** Appends `count` events `line 0…` one millisecond apart to one stream. */
function seed(stream: string, count: number, start = T0, text = (index: number) => `line ${index}`): void {
  for (let index = 0; index < count; index++) logs.append(GROUP, stream, start + index, text(index));
}

describe('LogsService writes', () => {
  it('creates the group and stream on first append and shows events to readers before the batch timer fires', () => {
    // Prepare
    open({ flushDelayMs: 60_000 });

    // Act
    seed('s1', 3);

    // Assess
    const { logGroups } = logs.describeLogGroups({ limit: 50 });
    expect(logGroups).toEqual([
      expect.objectContaining({ logGroupName: GROUP, arn: `arn:aws:logs:us-east-1:000000000000:log-group:${GROUP}:*`, storedBytes: 18, logGroupClass: 'STANDARD' }),
    ]);
    const { logStreams } = logs.describeLogStreams({ group: GROUP, orderBy: 'LogStreamName', descending: false, limit: 50 });
    expect(logStreams).toEqual([expect.objectContaining({ logStreamName: 's1', firstEventTimestamp: T0, lastEventTimestamp: T0 + 2, storedBytes: 0 })]);
  });

  it('keeps at most maxEventsPerGroup events, the newest, and drops streams left empty', () => {
    open({ maxEventsPerGroup: 50, maxBatch: 7 });

    seed('old', 40);
    seed('new', 80, T0 + 1000);

    const events = logs.filterLogEvents({ group: GROUP, limit: 10_000 }).events!;
    expect(events.length).toBeLessThanOrEqual(50);
    expect(events.length).toBeGreaterThanOrEqual(45);
    expect(events.at(-1)?.message).toBe('line 79');
    expect(events.every((event) => event.logStreamName === 'new')).toBe(true);
    expect(logs.describeLogStreams({ group: GROUP, orderBy: 'LogStreamName', descending: false, limit: 50 }).logStreams?.map((s) => s.logStreamName)).toEqual(['new']);
  });

  it('drops events older than maxAgeMs or the group retention', () => {
    open({ maxAgeMs: 30_000 });
    seed('s', 2, T0);
    seed('s', 2, T0 + 45_000, (index) => `recent ${index}`);

    expect(logs.filterLogEvents({ group: GROUP, limit: 100 }).events?.map((event) => event.message)).toEqual(['recent 0', 'recent 1']);
    expect(() => logs.putRetentionPolicy(GROUP, 2)).toThrow(/enum value set/);
    logs.putRetentionPolicy(GROUP, 1);
    expect(logs.describeLogGroups({ limit: 50 }).logGroups?.[0]?.retentionInDays).toBe(1);
  });

  it('PutLogEvents stores in order, refuses an unordered batch and reports events too old or too new', () => {
    open();
    logs.createLogGroup('app');
    logs.createLogStream('app', 'manual');
    expect(() => logs.createLogGroup('app')).toThrow(expect.objectContaining({ code: 'ResourceAlreadyExistsException' }));
    expect(() => logs.putLogEvents('app', 'nope', [{ timestamp: T0, message: 'x' }])).toThrow('The specified log stream does not exist.');
    expect(() => logs.putLogEvents('app', 'manual', [{ timestamp: T0 + 1, message: 'b' }, { timestamp: T0, message: 'a' }])).toThrow(/chronological/);

    const now = T0 + 60_000;
    const old = logs.putLogEvents('app', 'manual', [{ timestamp: now - 15 * 86_400_000, message: 'ancient' }]);
    const mixed = logs.putLogEvents('app', 'manual', [
      { timestamp: T0, message: 'kept' },
      { timestamp: now + 3 * 3_600_000, message: 'future' },
    ]);

    expect(old.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0 });
    expect(mixed.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    expect(() => logs.putLogEvents('app', 'manual', [{ timestamp: T0 - 86_400_001, message: 'a' }, { timestamp: T0, message: 'b' }])).toThrow(/24 hours/);
    expect(logs.getLogEvents({ group: 'app', stream: 'manual', startFromHead: true, limit: 100 }).events?.map((event) => event.message)).toEqual(['kept']);
  });
});

describe('GetLogEvents tokens', () => {
  it('pages forward from the head and hands back the same token at the end', () => {
    open();
    seed('s', 25);

    const messages: string[] = [];
    let token: string | undefined;
    let previous: string | undefined;
    let calls = 0;
    do {
      previous = token;
      const page = logs.getLogEvents({ group: GROUP, stream: 's', startFromHead: true, limit: 10, nextToken: token });
      messages.push(...page.events!.map((event) => event.message!));
      token = page.nextForwardToken;
      expect(token).toMatch(/^f\/\d{56}\/s$/);
      expect(page.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
    } while (token !== previous && ++calls < 10);

    expect(messages).toEqual(Array.from({ length: 25 }, (_, index) => `line ${index}`));
    expect(calls).toBe(3);
  });

  it('reads the newest events first without a token, then backwards, and follows new events forward', () => {
    open();
    seed('s', 25);

    const newest = logs.getLogEvents({ group: GROUP, stream: 's', limit: 10 });
    const older = logs.getLogEvents({ group: GROUP, stream: 's', limit: 10, nextToken: newest.nextBackwardToken });
    const atEnd = logs.getLogEvents({ group: GROUP, stream: 's', limit: 10, nextToken: newest.nextForwardToken });
    logs.append(GROUP, 's', T0 + 100, 'later');
    const followed = logs.getLogEvents({ group: GROUP, stream: 's', limit: 10, nextToken: atEnd.nextForwardToken });

    expect(newest.events?.map((event) => event.message)).toEqual(Array.from({ length: 10 }, (_, index) => `line ${index + 15}`));
    expect(older.events?.map((event) => event.message)).toEqual(Array.from({ length: 10 }, (_, index) => `line ${index + 5}`));
    expect(atEnd).toMatchObject({ events: [], nextForwardToken: newest.nextForwardToken });
    expect(followed.events?.map((event) => event.message)).toEqual(['later']);
  });

  it('filters by time: startTime inclusive, endTime exclusive', () => {
    open();
    seed('s', 10);

    const page = logs.getLogEvents({ group: GROUP, stream: 's', startFromHead: true, startTime: T0 + 2, endTime: T0 + 5, limit: 100 });

    expect(page.events?.map((event) => event.message)).toEqual(['line 2', 'line 3', 'line 4']);
  });

  it('refuses a token it did not write', () => {
    open();
    seed('s', 1);
    expect(() => logs.getLogEvents({ group: GROUP, stream: 's', limit: 10, nextToken: 'f/123/s' })).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
  });
});

describe('FilterLogEvents', () => {
  it('interleaves streams in time order, filters, and pages with nextToken until done', () => {
    open();
    seed('a', 30, T0, (index) => (index % 3 === 0 ? `ERROR a${index}` : `INFO a${index}`));
    seed('b', 30, T0, (index) => (index % 3 === 0 ? `ERROR b${index}` : `INFO b${index}`));

    const messages: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = logs.filterLogEvents({ group: GROUP, filterPattern: 'ERROR', limit: 7, nextToken });
      messages.push(...page.events!.map((event) => event.message!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken && pages < 20);

    expect(messages).toHaveLength(20);
    expect(messages.slice(0, 4)).toEqual(['ERROR a0', 'ERROR b0', 'ERROR a3', 'ERROR b3']);
    expect(pages).toBe(3);
  });

  it('reads only the named streams or those with a prefix, and says which it searched', () => {
    open();
    seed('2024/05/01/[$LATEST]aaa', 3);
    seed('2024/05/01/[$LATEST]bbb', 3);
    seed('other', 3);

    const named = logs.filterLogEvents({ group: GROUP, streamNames: ['other', 'missing'], limit: 100 });
    const prefixed = logs.filterLogEvents({ group: GROUP, streamPrefix: '2024/', limit: 100 });

    expect(named.events).toHaveLength(3);
    expect(named.searchedLogStreams).toEqual([{ logStreamName: 'other', searchedCompletely: true }]);
    expect(prefixed.events).toHaveLength(6);
    expect(prefixed.events?.every((event) => event.logStreamName?.startsWith('2024/'))).toBe(true);
    expect(prefixed.events?.[0]?.eventId).toMatch(/^\d{56}$/);
  });

  it('reads newest first when startFromHead is false', () => {
    open();
    seed('s', 5);
    expect(logs.filterLogEvents({ group: GROUP, startFromHead: false, limit: 2 }).events?.map((event) => event.message)).toEqual(['line 4', 'line 3']);
  });
});

describe('DescribeLogGroups and DescribeLogStreams', () => {
  it('filter by prefix or pattern and page by name', () => {
    open();
    for (const name of ['/aws/lambda/a', '/aws/lambda/b', '/aws/lambda/c', 'app/Orders']) logs.createLogGroup(name);

    const first = logs.describeLogGroups({ prefix: '/aws/lambda/', limit: 2 });
    const second = logs.describeLogGroups({ prefix: '/aws/lambda/', limit: 2, nextToken: first.nextToken });

    expect(first.logGroups?.map((group) => group.logGroupName)).toEqual(['/aws/lambda/a', '/aws/lambda/b']);
    expect(second).toEqual({ logGroups: [expect.objectContaining({ logGroupName: '/aws/lambda/c' })] });
    expect(logs.describeLogGroups({ pattern: 'orders', limit: 50 }).logGroups?.map((group) => group.logGroupName)).toEqual(['app/Orders']);
    expect(() => logs.describeLogGroups({ prefix: 'a', pattern: 'b', limit: 50 })).toThrow(/mutually exclusive/);
  });

  it('orders streams by last event time, newest first, across pages', () => {
    open();
    logs.append(GROUP, 'x', T0 + 3, 'x');
    logs.append(GROUP, 'y', T0 + 1, 'y');
    logs.append(GROUP, 'z', T0 + 2, 'z');

    const first = logs.describeLogStreams({ group: GROUP, orderBy: 'LastEventTime', descending: true, limit: 2 });
    const second = logs.describeLogStreams({ group: GROUP, orderBy: 'LastEventTime', descending: true, limit: 2, nextToken: first.nextToken });

    expect(first.logStreams?.map((stream) => stream.logStreamName)).toEqual(['x', 'z']);
    expect(second.logStreams?.map((stream) => stream.logStreamName)).toEqual(['y']);
    expect(second.nextToken).toBeUndefined();
    expect(() => logs.describeLogStreams({ group: 'nope', orderBy: 'LogStreamName', descending: false, limit: 5 })).toThrow('The specified log group does not exist.');
  });
});
