import type { AppDef } from '../../platform/topology/types.ts';
import type { ProvisionedTable } from '../dynamodb/provision.ts';
import type { ProvisionedStream } from '../kinesis/index.ts';
import type { CloudServices } from '../services.ts';
import { deployStack, type DeployedStack, type DeployStackOptions } from './deploy-stack.ts';
import { physicalName, topologySource, type TopologySourceOptions } from './from-topology.ts';

/** An eventloom app deployed as its stack, its resources also found by their logical names. */
export interface DeployedApp {
  readonly app: AppDef;
  readonly stack: DeployedStack;
  /** Logical table name → the provisioned table. */
  readonly tables: ReadonlyMap<string, ProvisionedTable>;
  /** Logical Kinesis stream name → the provisioned stream. */
  readonly kinesisStreams: ReadonlyMap<string, ProvisionedStream>;
  readonly pipes: DeployedStack['pipes'];
  /** In declaration order: functions, then each function's triggers. */
  readonly eventSources: DeployedStack['eventSources'];
  /** Logical HTTP API name → local API id (`<app>-<api>`). */
  readonly apiIds: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/** Deploys an app's topology as a stack named after the app. */
export async function deployApp(app: AppDef, services: CloudServices, options: TopologySourceOptions & DeployStackOptions): Promise<DeployedApp> {
  const stack = await deployStack(topologySource(app, options), services, options);
  const byLogical = <T>(declared: object | undefined, physical: ReadonlyMap<string, T>) =>
    new Map(Object.keys(declared ?? {}).map((logical) => [logical, physical.get(physicalName(app, logical))!]));
  return {
    app,
    stack,
    tables: byLogical(app.tables, stack.tables),
    kinesisStreams: byLogical(app.kinesisStreams, stack.kinesisStreams),
    pipes: stack.pipes,
    eventSources: stack.eventSources,
    apiIds: new Map(Object.keys(app.httpApis ?? {}).map((logical) => [logical, physicalName(app, logical)])),
    stop: () => stack.stop(),
  };
}
