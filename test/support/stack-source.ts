import { fileURLToPath } from 'node:url';
import type { ComputePlan, DeployedStorage, FunctionPlan, StackSource, StoragePlan } from '../../src/local-cloud/deploy/plan.ts';

/** A StackSource written by hand, as a template would give one: every list not given is empty. */
export function handBuiltStack(
  name: string,
  plans: { storage?: Partial<StoragePlan>; compute?: (storage: DeployedStorage) => Partial<ComputePlan> },
): StackSource {
  return {
    name,
    storage: () => ({ tables: [], queues: [], buses: [], buckets: [], kinesisStreams: [], ...plans.storage }),
    compute: (storage) => ({
      functions: [],
      rules: [],
      eventSources: [],
      pipes: [],
      httpApis: [],
      bucketNotifications: [],
      scheduleGroups: [],
      schedules: [],
      functionUrls: [],
      env: {},
      ...plans.compute?.(storage),
    }),
  };
}

/** A function plan for a test fixture (`test/fixtures/functions/<file>`), with the local defaults. */
export function fixtureFunction(name: string, file: string, exportName: string, extra: Partial<FunctionPlan> = {}): FunctionPlan {
  const modulePath = fileURLToPath(new URL(`../fixtures/functions/${file}`, import.meta.url));
  return {
    name,
    modulePath,
    exportName,
    handler: `${modulePath}#${exportName}`,
    runtime: 'nodejs20.x',
    environment: {},
    timeoutSeconds: 10,
    memoryMb: 128,
    ...extra,
  };
}
