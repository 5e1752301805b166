import type { LoadedStack } from '../../templates/types.ts';
import type { ResourceNames } from '../names.ts';
import type { ComputePlan, DeployedStorage, StackSource, StoragePlan } from '../plan.ts';
import { templateAsyncConfigs, templateFunctionUrls } from './async-config.ts';
import { templateEventSources } from './event-sources.ts';
import { templateFunctions } from './functions.ts';
import { templateHttpApis } from './http-apis.ts';
import { localizeUrls } from '../../templates/index.ts';
import { TemplateLookup } from './lookup.ts';
import { templateBucketNotifications } from './notifications.ts';
import { templatePipes } from './pipes.ts';
import { templateRules } from './rules.ts';
import { templateSchedules } from './schedules.ts';
import { templateStorage } from './storage.ts';

export interface TemplateSourceOptions {
  names: ResourceNames;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Environment every function gets (endpoints, region, credentials). */
  baseEnvironment: Readonly<Record<string, string>>;
  /** Exports of stacks deployed before this one (`Fn::ImportValue`). */
  importValue?(exportName: string): string;
  /** A property or resource the local cloud does not emulate as AWS would. */
  warn(message: string): void;
}

/**
 * A loaded CloudFormation stack (a template, SAM after its transform, or a cloud assembly's stack)
 * as a deployable source: resources get AWS's physical names, intrinsics resolve against them, and
 * the stack's outputs go to the env file and the CloudFormation API.
 */
export function templateSource(stack: LoadedStack, options: TemplateSourceOptions): StackSource {
  const lookup = new TemplateLookup(stack, { names: options.names, url: options.url, ...(options.importValue && { importValue: options.importValue }) });
  const warn = (logicalId: string, message: string) => options.warn(`${stack.name}: ${logicalId}: ${message}`);
  const ofType = (type: string) => stack.resources.filter((r) => r.type === type);
  return {
    name: stack.name,
    storage: (): StoragePlan => templateStorage(stack, lookup, warn),
    compute: (storage: DeployedStorage): ComputePlan => {
      lookup.withStorage(storage);
      const endpoints = {
        baseUrl: options.url,
        apiIds: new Set(ofType('AWS::ApiGatewayV2::Api').map((r) => lookup.name(r.logicalId))),
        urlIds: new Set(ofType('AWS::Lambda::Url').map((r) => lookup.name(r.logicalId))),
      };
      const rewrite = (value: string) => localizeUrls(value, endpoints);
      const outputs = stack.resolver.resolveOutputs(lookup).map((output) => ({ ...output, value: rewrite(output.value) }));
      const asyncConfigs = templateAsyncConfigs(stack, lookup);
      const { groups, schedules } = templateSchedules(stack, lookup);
      return {
        functions: templateFunctions(stack, lookup, options.baseEnvironment, rewrite).map((fn) => ({ ...fn, ...asyncConfigs.get(fn.name) })),
        rules: templateRules(stack, lookup),
        eventSources: templateEventSources(stack, lookup),
        pipes: templatePipes(stack, lookup, warn),
        httpApis: templateHttpApis(stack, lookup, warn),
        bucketNotifications: templateBucketNotifications(stack, lookup, warn),
        scheduleGroups: groups,
        schedules,
        functionUrls: templateFunctionUrls(stack, lookup),
        env: Object.fromEntries(outputs.map((output) => [output.key, output.value])),
        record: {
          ...(stack.description !== undefined && { description: stack.description }),
          parameters: stack.parameters.map(({ key, value }) => ({ key, value })),
          outputs,
          resources: stack.resources.map((resource) => ({ logicalId: resource.logicalId, type: resource.type, physicalId: safeRef(lookup, resource.logicalId) })),
        },
      };
    },
  };
}

function safeRef(lookup: TemplateLookup, logicalId: string): string {
  try {
    return lookup.ref(logicalId);
  } catch {
    return logicalId;
  }
}
