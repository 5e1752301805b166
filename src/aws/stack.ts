import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AppDef } from '../platform/topology/types.ts';
import { addAsyncInvokeConfigs } from './async-invoke.ts';
import { addBucketNotifications } from './bucket-notifications.ts';
import { addBuckets } from './buckets.ts';
import { addBuses, addRules } from './buses-rules.ts';
import { SynthContext } from './context.ts';
import { addFunctions } from './functions.ts';
import { addHttpApis } from './http-apis.ts';
import { addKinesisStreams } from './kinesis-streams.ts';
import { NAME_LIMITS, physicalName } from './naming.ts';
import type { ResolvedOptions } from './options.ts';
import { grantFunctionAccess } from './permissions.ts';
import { addPipes } from './pipes.ts';
import { addQueues } from './queues.ts';
import { addTables } from './tables.ts';
import { addTriggers } from './triggers.ts';

/** `<prefix>-<stage>-<app>`. */
export const stackName = (app: AppDef, options: ResolvedOptions): string => physicalName([options.prefix, options.stage, app.name], NAME_LIMITS.stack);

/** One app's topology as one CloudFormation stack. */
export class TopologyStack extends Stack {
  /** The constructs made for the topology, by logical name. */
  readonly resources: SynthContext;

  constructor(scope: Construct, app: AppDef, options: ResolvedOptions, props: StackProps = {}) {
    const name = stackName(app, options);
    super(scope, name, { ...props, stackName: name, description: `eventloom app ${app.name}, stage ${options.stage}` });
    const ctx = new SynthContext(this, app, options);
    addTables(ctx);
    addQueues(ctx);
    addBuses(ctx);
    addBuckets(ctx);
    addKinesisStreams(ctx);
    addFunctions(ctx);
    addPipes(ctx);
    addRules(ctx);
    addTriggers(ctx);
    addAsyncInvokeConfigs(ctx);
    addBucketNotifications(ctx);
    addHttpApis(ctx);
    grantFunctionAccess(ctx);
    this.resources = ctx;
  }
}
