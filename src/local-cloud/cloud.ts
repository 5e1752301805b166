import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { join, parse, resolve, sep } from 'node:path';
import { createLogger, type Logger } from '../platform/log.ts';
import type { AppDef, QueueDef } from '../platform/topology/types.ts';
import { validateApp } from '../platform/topology/validate.ts';
import { ActivityFeed } from './activity/index.ts';
import { appStackRecord } from './cloudformation/index.ts';
import { Dashboard } from './dashboard/index.ts';
import { deployApp, type DeployedApp } from './deploy/deploy-app.ts';
import { deployStack, type DeployedStack } from './deploy/deploy-stack.ts';
import { resourceNames } from './deploy/names.ts';
import { StackRecords } from './deploy/stack-registry.ts';
import { templateSource } from './deploy/template/source.ts';
import type { LoadedStack } from './templates/types.ts';
import { emptyDataDir, lockDataDir } from './data-dir-lock.ts';
import { LocalCloudError } from './errors.ts';
import { stopEsbuild } from './esbuild.ts';
import { startDynamoDbLocal } from './dynamodb/process.ts';
import { freePort } from './free-port.ts';
import { DeliveryOutbox, TargetDispatcher } from './delivery/index.ts';
import { EventBridgeService } from './eventbridge/index.ts';
import { systemClock, type ScheduleClock } from './eventbridge/schedule-timer.ts';
import { FunctionUrls, HttpGateway } from './gateway/index.ts';
import { startKinesis } from './kinesis/index.ts';
import { localRegion } from './identity.ts';
import { FunctionRunner } from './lambda/runner/index.ts';
import { LogsService, type RetentionOptions } from './logs/index.ts';
import { listen, type RawHandler, type RunningServer } from './protocol/server.ts';
import { dynamoDbRawProxy } from './dynamodb/raw-proxy.ts';
import { S3Service } from './s3/index.ts';
import { SchedulerService } from './scheduler/index.ts';
import { cloudBusyReporters } from './settle/cloud-busy.ts';
import { waitUntilSettled, type SettleOptions } from './settle/settle.ts';
import { createCloudServer } from './server.ts';
import type { CloudServices } from './services.ts';
import { SqsService } from './sqs/index.ts';
import { openStateDb } from './state/db.ts';
import { CheckpointStore, StreamFeeds } from './streams/index.ts';
import { redeployStacks, type RedeployReport } from './reload/redeploy.ts';

export interface LocalCloudOptions {
  apps: readonly AppDef[];
  /** CloudFormation stacks (templates, SAM after its transform, cloud-assembly stacks), deployed after the apps, in order. */
  stacks?: readonly LoadedStack[];
  /** Called with each property or resource a stack uses that the local cloud does not emulate as AWS would. */
  onWarning?: (message: string) => void;
  /** Host names the main port answers besides 127.0.0.1 and localhost (`--allow-host`). */
  allowedHosts?: readonly string[];
  /** Port of the AWS endpoint, Invoke API, HTTP APIs and inspector; 0 picks a free one. Default 4566. */
  port?: number;
  /** Where DynamoDB Local and the state database keep their files; omitted = everything in memory. */
  dataDir?: string;
  /** Wipe `dataDir` before starting. */
  fresh?: boolean;
  /** DynamoDB Local's port when this cloud starts it; default: a free port. */
  dynamoDbPort?: number;
  /** Use an already running DynamoDB Local instead of starting one (tests share one per run). */
  dynamoDbEndpoint?: string;
  /** Resolves handler paths. Default: the current directory. */
  projectRoot?: string;
  /** Applied over every declared queue, e.g. `{ visibilityTimeoutSeconds: 1 }` in tests. */
  queueOverrides?: Partial<QueueDef>;
  /**
   * DynamoDB stream readers' delay between polls: `min` while records flow, doubling up to `max` while
   * idle; default `{ min: 20, max: 3_000 }`. Writes through the main port and the end of every function
   * invocation wake readers at once; only writes other programs make to DynamoDB Local directly wait for an idle poll.
   */
  streamPollIntervalMs?: { min: number; max: number };
  /** A function sandbox (worker thread) unused this long is ended, as Lambda retires idle environments; default 5 minutes. */
  idleSandboxTtlMs?: number;
  /** A function's sandboxes besides the last used one (those a burst added) are ended this long unused; default 5 s. */
  spareSandboxTtlMs?: number;
  /** First retry delay for stream sources, pipes and rule targets. Default 500 ms (streams) / 1 s (targets). */
  retryBaseDelayMs?: number;
  /** Delays of Lambda's asynchronous retries for rule → function targets. Default AWS's ~1 and ~2 min. */
  asyncRetryDelaysMs?: readonly number[];
  /**
   * The clock scheduled rules and EventBridge Scheduler run on; default the system clock. Tests pass
   * `acceleratedClock(…)` (eventbridge/schedule-timer.ts) so a `rate(1 minute)` schedule takes a second.
   */
  scheduleClock?: ScheduleClock;
  logger?: Logger;
  /** What CloudWatch Logs keeps: default at most 10,000 events per log group, none older than 7 days. */
  logRetention?: RetentionOptions;
}

export interface LocalCloud {
  /** `http://127.0.0.1:<port>`: SQS, EventBridge, S3, Kinesis, CloudWatch Logs, Lambda Invoke, HTTP APIs, inspector. */
  readonly url: string;
  readonly dynamoDbEndpoint: string;
  readonly services: CloudServices;
  readonly apps: readonly DeployedApp[];
  /** The template stacks, in deploy order. */
  readonly stacks: readonly DeployedStack[];
  /** Every stack (apps and templates) as the CloudFormation API reports it. */
  readonly registry: StackRecords;
  /** Each template stack's resolved outputs: stack name → OutputKey → value. */
  readonly outputs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `.env` variables: SDK endpoints, region, dummy credentials, every API's base URL. */
  readonly env: Readonly<Record<string, string>>;
  /** Base URL of an app's HTTP API, e.g. `apiUrl('ecommerce', 'orders')`. */
  apiUrl(app: string, api: string): string;
  /** Resolves once nothing is left to do (settle/cloud-busy.ts); rejects with a `SettleTimeoutError` naming what is still busy. */
  settled(options?: SettleOptions): Promise<void>;
  /**
   * Hot reload of changed templates: each stack is deployed again in place (tables keep their items,
   * queues their messages, stream sources their checkpoints), new ones are created, and stacks no
   * longer given are stopped (their data is kept).
   */
  redeployStacks(stacks: readonly LoadedStack[]): Promise<RedeployReport>;
  stop(): Promise<void>;
}

/**
 * Boots the local cloud: DynamoDB Local, the state database, SQS, EventBridge, S3, Kinesis, Lambda, API Gateway,
 * then every app's topology.
 *
 * @example
 * const cloud = await startLocalCloud({ apps: [shop], dataDir: '.eventloom' });
 * console.log(cloud.apiUrl('shop', 'orders'));
 * await cloud.stop();
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  for (const app of options.apps) validateApp(app);
  const logger = options.logger ?? createLogger({ context: { component: 'local-cloud' } });
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir && options.fresh) refuseToWipeCwd(dataDir);
  const releaseDataDir = dataDir ? lockDataDir(dataDir) : undefined;
  if (dataDir && options.fresh) emptyDataDir(dataDir);

  // Last to run: esbuild's service process (SAM builds, hot reload's module graphs) goes with the cloud, then the data folder's lock.
  const cleanups: (() => Promise<void> | void)[] = [() => releaseDataDir?.(), () => stopEsbuild()];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    // The JVM is the slowest part to start: everything that does not need DynamoDB boots meanwhile.
    const ddbPort = options.dynamoDbEndpoint ? undefined : (options.dynamoDbPort || (await freePort()));
    const ddbStarting = ddbPort === undefined ? undefined : startDynamoDbLocal({ ...(dataDir && { dataDir: join(dataDir, 'dynamodb') }), port: ddbPort });
    ddbStarting?.catch(() => {}); // awaited before the deploys; a failure is reported there
    cleanups.push(async () => (await ddbStarting?.catch(() => undefined))?.stop());
    const dynamoDbEndpoint = options.dynamoDbEndpoint ?? `http://127.0.0.1:${ddbPort}`;
    const db = openStateDb(dataDir ? join(dataDir, 'state.sqlite') : ':memory:');
    cleanups.push(() => {
      db.close();
    });

    let url = '';
    const clientConfig = { endpoint: dynamoDbEndpoint, region: localRegion(), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const dynamodb = new DynamoDBClient(clientConfig);
    const streams = new DynamoDBStreamsClient(clientConfig);
    cleanups.push(() => {
      dynamodb.destroy();
      streams.destroy();
    });
    // What every service reports as events move (the dashboard's timeline and traces).
    const activity = new ActivityFeed();
    const sqs = new SqsService({ db, endpoint: () => url, activity });
    cleanups.push(() => sqs.close());
    // Created before the runner so that it closes after it, storing the last lines functions printed.
    const logs = new LogsService({ db, logger: logger.child({ component: 'logs' }), ...options.logRetention });
    cleanups.push(() => logs.close());
    const runner = new FunctionRunner({
      logger: logger.child({ component: 'lambda' }),
      logSink: logs,
      activity,
      ...(options.idleSandboxTtlMs !== undefined && { idleWorkerTtlMs: options.idleSandboxTtlMs }),
      ...(options.spareSandboxTtlMs !== undefined && { spareWorkerTtlMs: options.spareSandboxTtlMs }),
      // Functions reach DynamoDB Local directly (through the main port their calls would cost the main thread a
      // third of the saga's throughput, measured); what they wrote is read at once, without waiting for an idle poll.
      // The feeds wake each stream's readers at most once per 20 ms, deferring (not dropping) the wake-ups between.
      onInvocationEnd: () => services.streamFeeds.wakeAll(),
    });
    cleanups.push(() => runner.close());
    const dispatcher: TargetDispatcher = new TargetDispatcher({
      outbox: new DeliveryOutbox(db),
      queues: sqs,
      functions: runner,
      logger: logger.child({ component: 'eventbridge' }),
      ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
      ...(options.asyncRetryDelaysMs !== undefined && { asyncRetryDelaysMs: options.asyncRetryDelaysMs }),
      // Event bus targets and destinations; EventBridge itself needs the dispatcher, so it is looked up when used.
      events: { putEvents: (entries) => eventBridge.putEvents(entries) },
      // Deliveries left from the last run wait until every stack has registered and configured its functions.
      held: true,
      activity,
    });
    cleanups.push(() => dispatcher.close());
    const scheduleClock = options.scheduleClock ?? systemClock;
    const eventBridge: EventBridgeService = new EventBridgeService({ db, dispatcher, scheduleClock, logger: logger.child({ component: 'eventbridge' }), activity });
    cleanups.push(() => eventBridge.close());
    const scheduler = new SchedulerService({ db, dispatcher, clock: scheduleClock, logger: logger.child({ component: 'scheduler' }) });
    cleanups.push(() => scheduler.close());
    const gateway = new HttpGateway({ invoke: (name, event) => runner.invoke(name, event) });
    const functionUrls = new FunctionUrls({ invoke: (name, event) => runner.invoke(name, event), logger: logger.child({ component: 'lambda-url' }) });
    const s3 = new S3Service({ ...(dataDir && { directory: join(dataDir, 's3') }), logger: logger.child({ component: 's3' }) });
    cleanups.push(() => s3.stop());
    const kinesis = await startKinesis({ ...(dataDir && { dataDir: join(dataDir, 'kinesis') }) });
    cleanups.push(() => kinesis.stop());
    const streamFeeds = new StreamFeeds({ client: streams, ...(options.streamPollIntervalMs && { pollIntervalMs: options.streamPollIntervalMs }) });
    cleanups.push(() => streamFeeds.close());
    const services: CloudServices = { db, dynamodb, streams, checkpoints: new CheckpointStore(db), streamFeeds, sqs, eventBridge, dispatcher, runner, gateway, functionUrls, scheduler, s3, kinesis, logger, logs, activity };

    const deployed: DeployedApp[] = [];
    const deployedStacks: DeployedStack[] = [];
    const registry = new StackRecords();
    // The /_eventloom/ page; it lists every table of DynamoDB Local only when the cloud runs its own.
    const dashboard = new Dashboard({ services, apps: () => deployed, templates: () => deployedStacks, listAllTables: !options.dynamoDbEndpoint });
    const busyReporters = cloudBusyReporters(services, () => [...deployed.map((app) => app.stack), ...deployedStacks]);
    const settled = (settleOptions?: SettleOptions) => waitUntilSettled(busyReporters, settleOptions);
    // `.env` clients' DynamoDB calls: a plain node:http pipe that wakes stream readers on writes.
    const dynamoDbProxy = dynamoDbRawProxy({ endpoint: dynamoDbEndpoint, onWrite: (tables) => services.streamFeeds.wake(tables) });
    cleanups.push(() => dynamoDbProxy.close());
    const raw: RawHandler = { handles: (req) => dynamoDbProxy.handles(req) || s3.handles(req), handle: (req, res) => (dynamoDbProxy.handles(req) ? dynamoDbProxy : s3).handle(req, res) };
    const server: RunningServer = await listen(createCloudServer({ services, dynamoDbEndpoint, deployed: () => [...deployed, ...deployedStacks], stacks: registry, dashboard, settled }), options.port ?? 4566, undefined, raw, { allowedHosts: options.allowedHosts ?? [] });
    url = server.url;
    cleanups.push(() => server.close());
    // Ends the pages' live streams before the server closes.
    cleanups.push(() => dashboard.close());
    const env = sdkEnvironment(url);
    const functionEnv = { ...env, AWS_ENDPOINT_URL_DYNAMODB: dynamoDbEndpoint, AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamoDbEndpoint };
    const projectRoot = options.projectRoot ?? process.cwd();
    cleanups.push(async () => {
      await Promise.all([...deployed, ...deployedStacks].map((stack) => stack.stop()));
    });
    const apiUrl = (app: string, api: string) => `${url}/apis/${app}-${api}`;
    const allEnv: Record<string, string> = { ...env };
    const ddb = await ddbStarting;
    const tuning = ddb?.databaseFile;
    if (tuning?.journalMode.startsWith('failed')) {
      logger.warn(`Could not give DynamoDB Local's database a write-ahead log (${tuning.journalMode}): writes are slower.`, { component: 'dynamodb' });
    }
    if (tuning?.streamRecordsIndex.startsWith('failed')) {
      logger.warn(`Could not index DynamoDB Local's stream records (${tuning.streamRecordsIndex}): writes to tables with streams slow down as records accumulate.`, { component: 'dynamodb' });
    }
    for (const app of options.apps) {
      const deployedApp = await deployApp(app, services, {
        projectRoot,
        baseEnvironment: functionEnv,
        names: resourceNames(services),
        apiUrl: (apiId) => `${url}/apis/${apiId}`,
        ...(options.queueOverrides && { queueOverrides: options.queueOverrides }),
        ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
      });
      deployed.push(deployedApp);
      // The CloudFormation API shows each app as a stack named after it.
      registry.add(appStackRecord(app, { queueUrl: (queue) => sqs.queueUrl(queue), apiUrl, createdAt: new Date() }));
      Object.assign(allEnv, deployedApp.stack.compute.env);
    }
    const outputs: Record<string, Record<string, string>> = {};
    const deployTemplate = async (stack: LoadedStack): Promise<DeployedStack> => {
      const source = templateSource(stack, {
        names: resourceNames(services),
        url,
        baseEnvironment: functionEnv,
        importValue: (name) => registry.exportedValue(name) ?? missingExport(name),
        warn: options.onWarning ?? ((message) => logger.warn(message)),
      });
      const deployedStack = await deployStack(source, services, { ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }) });
      registry.add({ name: stack.name, stackId: stack.stackId, ...(deployedStack.compute.record ?? { parameters: [], outputs: [], resources: [] }) });
      outputs[stack.name] = { ...deployedStack.compute.env };
      Object.assign(allEnv, deployedStack.compute.env);
      return deployedStack;
    };
    for (const stack of options.stacks ?? []) deployedStacks.push(await deployTemplate(stack));
    // Only now: a delivery or schedule left from the last run finds every function registered and configured.
    dispatcher.start();
    eventBridge.startSchedules();
    scheduler.start();

    const redeploy = (stacks: readonly LoadedStack[]) => redeployStacks(deployedStacks, stacks, { deploy: deployTemplate, forget: (name) => delete outputs[name] });
    return { url, dynamoDbEndpoint, services, apps: deployed, stacks: deployedStacks, registry, outputs, env: allEnv, apiUrl, settled, redeployStacks: redeploy, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function missingExport(name: string): never {
  throw new LocalCloudError(`Fn::ImportValue: no stack loaded before this one exports "${name}".`);
}

/** `--fresh` refuses a data directory that holds the current directory (a typo like `--data-dir .`). */
function refuseToWipeCwd(dataDir: string): void {
  const cwd = process.cwd();
  if (cwd === dataDir || cwd.startsWith(`${dataDir}${sep}`) || dataDir === parse(dataDir).root) {
    throw new LocalCloudError(`Refusing to wipe ${dataDir}: it contains the current directory. Pass a dedicated --data-dir (default .eventloom).`);
  }
}

/** What every SDK (in functions, scripts, the CLI) needs to talk to the local cloud. */
export function sdkEnvironment(url: string): Record<string, string> {
  return {
    AWS_REGION: localRegion(),
    AWS_DEFAULT_REGION: localRegion(),
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Through the main port, which wakes a stream's readers on every write it forwards.
    AWS_ENDPOINT_URL_DYNAMODB: url,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: url,
    AWS_ENDPOINT_URL_SQS: url,
    AWS_ENDPOINT_URL_EVENTBRIDGE: url,
    AWS_ENDPOINT_URL_LAMBDA: url,
    AWS_ENDPOINT_URL_KINESIS: url,
    AWS_ENDPOINT_URL_S3: url,
    AWS_ENDPOINT_URL_CLOUDFORMATION: url,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url,
    AWS_ENDPOINT_URL_SCHEDULER: url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    EVENTLOOM_URL: url,
  };
}
