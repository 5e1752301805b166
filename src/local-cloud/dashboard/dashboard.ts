import { participantOfArn } from '../activity/index.ts';
import type { DeployedApp } from '../deploy/deploy-app.ts';
import type { DeployedStack } from '../deploy/deploy-stack.ts';
import type { PausableEventSource } from '../lambda/esm/mapping-info.ts';
import type { CloudServices } from '../services.ts';
import { notFound } from './errors.ts';
import { LiveUpdates } from './live.ts';
import { DashboardMetrics } from './metrics.ts';
import { buildOverview } from './overview.ts';
import type { Overview } from './overview-types.ts';
import { SlowStatsCache } from './slow-stats.ts';
import { inventory, type StackInventory } from './stacks.ts';
import { buildTrace, type Trace } from './trace.ts';

export interface DashboardOptions {
  readonly services: CloudServices;
  readonly apps: () => readonly DeployedApp[];
  /** Template stacks (CloudFormation, SAM, cloud assemblies). */
  readonly templates: () => readonly DeployedStack[];
  /** List every table of DynamoDB Local, not only the declared ones: when the cloud runs its own. Default false. */
  readonly listAllTables?: boolean;
}

/**
 * The state behind the `/_eventloom/` page and its API: counters kept from the cloud's start, the
 * overview of every resource, traces of business keys, the page's live feed. Created with the
 * cloud (so that its counters see everything), closed with it.
 *
 * @example
 * const dashboard = new Dashboard({ services, apps: () => deployed, templates: () => stacks });
 * mountDashboard(app, dashboard);
 * // …
 * dashboard.close();
 */
export class Dashboard {
  readonly services: CloudServices;
  readonly metrics: DashboardMetrics;
  readonly live: LiveUpdates;
  readonly #slow: SlowStatsCache;
  readonly #options: DashboardOptions;

  constructor(options: DashboardOptions) {
    this.#options = options;
    this.services = options.services;
    this.metrics = new DashboardMetrics(options.services.activity);
    this.#slow = new SlowStatsCache({
      dynamodb: options.services.dynamodb,
      s3: options.services.s3,
      declaredTables: () => this.stacks().flatMap((stack) => stack.tables),
      listAllTables: options.listAllTables ?? false,
    });
    this.live = new LiveUpdates({ feed: options.services.activity, overview: () => this.overview() });
  }

  stacks(): StackInventory[] {
    return inventory(this.#options.apps(), this.#options.templates());
  }

  async overview(): Promise<Overview> {
    return buildOverview({ services: this.services, metrics: this.metrics, stacks: this.stacks(), slow: await this.#slow.get() });
  }

  trace(key: string): Trace {
    const { eventBridge } = this.services;
    const targets = new Map<string, string[]>();
    for (const bus of eventBridge.listBuses()) {
      for (const rule of eventBridge.listRules(bus)) targets.set(`rule:${rule.name}`, rule.targets.map((target) => participantOfArn(target.arn)));
    }
    return buildTrace(key, this.services.activity.search(key), { ruleTargets: (rule) => targets.get(rule) ?? [] });
  }

  /** An event source mapping by its UUID (as the overview lists it). */
  mapping(uuid: string): PausableEventSource {
    const found = this.stacks()
      .flatMap((stack) => stack.eventSources)
      .find((source) => source.describe().uuid === uuid);
    if (!found) throw notFound(`Event source mapping ${uuid}`);
    return found;
  }

  close(): void {
    this.live.close();
    this.metrics.close();
  }
}
