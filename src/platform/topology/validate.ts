import { APP_NAME, ENV_NAME, IssueCollector, LOGICAL_NAME } from './checks.ts';
import { TopologyError, type TopologyIssue } from './errors.ts';
import { STARTING_POSITIONS, STREAM_VIEW_TYPES, type AppDef, type FunctionDef, type KinesisStreamDef, type PipeDef, type QueueDef, type RuleDef, type TableDef } from './types.ts';
import { jsonPathProblem } from '../event-pattern/json-path.ts';
import { refTarget } from './refs.ts';
import { validateAccess } from './validate-access.ts';
import { validateBuckets } from './validate-buckets.ts';
import { validateLocalAliases } from './validate-aliases.ts';
import { validateHttpApis } from './validate-http.ts';
import { validatePattern, validatePatterns } from './validate-patterns.ts';
import { validateTriggers } from './validate-triggers.ts';

/** Checks a declaration against AWS's limits and its own references; throws TopologyError listing every problem. */
export function validateApp(app: AppDef): void {
  const issues = collectIssues(app);
  if (issues.length > 0) throw new TopologyError(app.name || '(unnamed)', issues);
}

export function collectIssues(app: AppDef): TopologyIssue[] {
  const c = new IssueCollector();
  if (!APP_NAME.test(app.name ?? '')) c.add('name', `must match ${APP_NAME} (lower-case letters, digits, dashes), got "${app.name}"`);
  for (const [section, entries] of Object.entries(app)) {
    if (section === 'name' || typeof entries !== 'object' || entries === null) continue;
    for (const name of Object.keys(entries)) {
      if (!LOGICAL_NAME.test(name)) c.add(`${section}.${name}`, `logical name must match ${LOGICAL_NAME}`);
    }
  }
  for (const [name, table] of Object.entries(app.tables ?? {})) validateTable(c, `tables.${name}`, table);
  for (const [name, pipe] of Object.entries(app.pipes ?? {})) validatePipe(c, app, `pipes.${name}`, pipe);
  for (const [name, rule] of Object.entries(app.rules ?? {})) validateRule(c, app, `rules.${name}`, rule);
  for (const [name, queue] of Object.entries(app.queues ?? {})) validateQueue(c, app, `queues.${name}`, name, queue);
  validateBuckets(c, app);
  for (const [name, stream] of Object.entries(app.kinesisStreams ?? {})) validateKinesisStream(c, `kinesisStreams.${name}`, stream);
  for (const [name, fn] of Object.entries(app.functions ?? {})) validateFunction(c, app, `functions.${name}`, fn);
  validateLocalAliases(c, app);
  validateHttpApis(c, app);
  validateEnvExports(c, app);
  return c.issues;
}

/** The `.env` variables an app exports (tables' `nameEnv`, APIs' `baseUrlEnv`): valid names, each exported once. */
function validateEnvExports(c: IssueCollector, app: AppDef): void {
  const exports = [
    ...Object.entries(app.tables ?? {}).map(([name, table]) => ({ path: `tables.${name}.nameEnv`, env: table.nameEnv })),
    ...Object.entries(app.httpApis ?? {}).map(([name, api]) => ({ path: `httpApis.${name}.baseUrlEnv`, env: api.baseUrlEnv })),
  ];
  const seen = new Map<string, string>();
  for (const { path, env } of exports) {
    if (env === undefined) continue;
    if (path.endsWith('.nameEnv') && !ENV_NAME.test(env)) c.add(path, 'is not a valid environment variable name');
    const first = seen.get(env);
    if (first) c.add(path, `exports "${env}", already exported by ${first}`);
    else seen.set(env, path);
  }
}

function validateKinesisStream(c: IssueCollector, path: string, stream: KinesisStreamDef): void {
  c.range(`${path}.shardCount`, stream.shardCount, 1, 500);
  c.range(`${path}.retentionHours`, stream.retentionHours, 24, 8_760);
}

function validateTable(c: IssueCollector, path: string, table: TableDef): void {
  if (!table.partitionKey?.name) c.add(`${path}.partitionKey`, 'is required');
  if (table.stream !== undefined && !STREAM_VIEW_TYPES.includes(table.stream)) {
    c.add(`${path}.stream`, `must be one of ${STREAM_VIEW_TYPES.join(', ')}, got "${table.stream}"`);
  }
  const indexNames = new Set<string>();
  table.globalSecondaryIndexes?.forEach((gsi, i) => {
    if (indexNames.has(gsi.name)) c.add(`${path}.globalSecondaryIndexes[${i}].name`, `duplicate index name "${gsi.name}"`);
    indexNames.add(gsi.name);
  });
  if (table.globalSecondaryIndexes && table.globalSecondaryIndexes.length > 20) c.add(`${path}.globalSecondaryIndexes`, 'at most 20 GSIs per table');
}

/** What one PutEvents call takes, hence the largest batch of a pipe whose target is a bus. */
const MAX_BUS_TARGET_BATCH = 10;

function validatePipe(c: IssueCollector, app: AppDef, path: string, pipe: PipeDef): void {
  if (c.ref(`${path}.sourceTable`, 'table', pipe.sourceTable, app.tables) && !app.tables?.[pipe.sourceTable]?.stream) {
    c.add(`${path}.sourceTable`, `table "${pipe.sourceTable}" has no stream (set its \`stream\` view type)`);
  }
  const source = pipe.source ?? {};
  // The target is always an event bus, and Pipes refuses a batch larger than its target takes: 10 PutEvents entries.
  c.range(`${path}.source.batchSize`, source.batchSize, 1, MAX_BUS_TARGET_BATCH);
  if (source.startingPosition !== undefined && !STARTING_POSITIONS.includes(source.startingPosition)) {
    c.add(`${path}.source.startingPosition`, `must be ${STARTING_POSITIONS.join(' or ')}, got "${String(source.startingPosition)}"`);
  }
  if (source.onPartialBatchItemFailure !== undefined && source.onPartialBatchItemFailure !== 'AUTOMATIC_BISECT') {
    c.add(`${path}.source.onPartialBatchItemFailure`, `must be AUTOMATIC_BISECT (the only value Pipes takes), got "${String(source.onPartialBatchItemFailure)}"`);
  }
  c.range(`${path}.source.maximumBatchingWindowInSeconds`, source.maximumBatchingWindowInSeconds, 0, 300);
  c.range(`${path}.source.maximumRetryAttempts`, source.maximumRetryAttempts, -1, 10_000);
  c.range(`${path}.source.maximumRecordAgeInSeconds`, source.maximumRecordAgeInSeconds, 60, 604_800, [-1]);
  c.ref(`${path}.source.deadLetterQueue`, 'queue', source.deadLetterQueue, app.queues);
  validatePatterns(c, app, `${path}.filters`, pipe.filters, 'filter');
  c.ref(`${path}.target.bus`, 'bus', pipe.target?.bus, app.buses);
}

function validateRule(c: IssueCollector, app: AppDef, path: string, rule: RuleDef): void {
  c.ref(`${path}.bus`, 'bus', rule.bus, app.buses);
  validatePattern(c, app, `${path}.eventPattern`, rule.eventPattern, 'rule');
  if (!Array.isArray(rule.targets) || rule.targets.length < 1 || rule.targets.length > 5) {
    c.add(`${path}.targets`, 'a rule needs 1 to 5 targets');
  }
  const ids = new Set<string>();
  (rule.targets ?? []).forEach((target, i) => {
    const at = `${path}.targets[${i}]`;
    if ('queue' in target) c.ref(`${at}.queue`, 'queue', target.queue, app.queues);
    else if ('function' in target) c.ref(`${at}.function`, 'function', target.function, app.functions);
    else c.add(at, 'a target needs `queue` or `function`');
    const id = target.id ?? ('queue' in target ? target.queue : target.function);
    if (ids.has(id)) c.add(`${at}.id`, `duplicate target id "${id}"`);
    ids.add(id);
    c.range(`${at}.retryPolicy.maximumRetryAttempts`, target.retryPolicy?.maximumRetryAttempts, 0, 185);
    c.range(`${at}.retryPolicy.maximumEventAgeInSeconds`, target.retryPolicy?.maximumEventAgeInSeconds, 60, 86_400);
    c.ref(`${at}.deadLetterQueue`, 'queue', target.deadLetterQueue, app.queues);
    const inputs = [target.input, target.inputPath, target.inputTransformer].filter((x) => x !== undefined);
    if (inputs.length > 1) c.add(at, 'use at most one of input, inputPath, inputTransformer');
    if (target.input !== undefined) {
      try {
        JSON.parse(target.input);
      } catch {
        c.add(`${at}.input`, 'must be valid JSON text');
      }
    }
    if (target.inputPath !== undefined) checkJsonPath(c, `${at}.inputPath`, target.inputPath);
    for (const [name, path] of Object.entries(target.inputTransformer?.inputPathsMap ?? {})) checkJsonPath(c, `${at}.inputTransformer.inputPathsMap.${name}`, path);
  });
}

function checkJsonPath(c: IssueCollector, path: string, jsonPath: string): void {
  const problem = jsonPathProblem(jsonPath);
  if (problem) c.add(path, problem);
}

function validateQueue(c: IssueCollector, app: AppDef, path: string, name: string, queue: QueueDef): void {
  c.range(`${path}.visibilityTimeoutSeconds`, queue.visibilityTimeoutSeconds, 0, 43_200);
  c.range(`${path}.messageRetentionSeconds`, queue.messageRetentionSeconds, 60, 1_209_600);
  c.range(`${path}.delaySeconds`, queue.delaySeconds, 0, 900);
  c.range(`${path}.receiveMessageWaitTimeSeconds`, queue.receiveMessageWaitTimeSeconds, 0, 20);
  c.range(`${path}.maximumMessageSizeBytes`, queue.maximumMessageSizeBytes, 1_024, 1_048_576);
  const dlq = queue.deadLetterQueue;
  if (dlq) {
    c.ref(`${path}.deadLetterQueue.queue`, 'queue', dlq.queue, app.queues);
    if (dlq.queue === name) c.add(`${path}.deadLetterQueue.queue`, 'a queue cannot be its own dead-letter queue');
    c.range(`${path}.deadLetterQueue.maxReceiveCount`, dlq.maxReceiveCount ?? 0, 1, 1_000);
  }
}

function validateFunction(c: IssueCollector, app: AppDef, path: string, fn: FunctionDef): void {
  if (typeof fn.handler !== 'string' || !/^[^#]+\.(ts|js|mjs)(#[A-Za-z_$][\w$]*)?$/.test(fn.handler)) {
    c.add(`${path}.handler`, `must be "<module path>.ts#<export>", got "${String(fn.handler)}"`);
  }
  c.range(`${path}.timeoutSeconds`, fn.timeoutSeconds, 1, 900);
  c.range(`${path}.memoryMb`, fn.memoryMb, 128, 10_240);
  c.range(`${path}.reservedConcurrency`, fn.reservedConcurrency, 0, 1_000);
  c.range(`${path}.maximumAsyncRetryAttempts`, fn.maximumAsyncRetryAttempts, 0, 2);
  c.ref(`${path}.onAsyncFailureQueue`, 'queue', fn.onAsyncFailureQueue, app.queues);
  for (const [key, value] of Object.entries(fn.environment ?? {})) {
    if (!ENV_NAME.test(key)) c.add(`${path}.environment.${key}`, 'is not a valid environment variable name');
    if (typeof value === 'object') {
      const { section, kind } = refTarget(value);
      c.ref(`${path}.environment.${key}`, kind, value.name, app[section]);
    }
  }
  validateAccess(c, app, path, fn);
  validateTriggers(c, app, path, fn);
}
