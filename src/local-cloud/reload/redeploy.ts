import type { DeployedStack } from '../deploy/deploy-stack.ts';
import type { LoadedStack } from '../templates/types.ts';

export interface RedeployReport {
  /** Stack names deployed again in place. */
  readonly updated: readonly string[];
  readonly created: readonly string[];
  /** Stacks no longer given: their pollers, pipes and notifications stopped, their data kept. */
  readonly stopped: readonly string[];
}

export interface RedeployOptions {
  /** Deploys one stack onto the running services and records it (the cloud's own template deploy). */
  deploy: (stack: LoadedStack) => Promise<DeployedStack>;
  /** A stack that is no longer given. */
  forget: (stackName: string) => void;
}

/**
 * Deploys `next` in place of the stacks in `current` (updated in place, in the given order). A stack
 * that still exists is stopped first — its event sources and pipes finish the batch they are
 * running, so nothing is processed twice — then deployed again: its tables, queues and buckets are
 * found as they are (items, messages and objects kept), its event sources and pipes start from
 * their saved checkpoints, its functions load their code afresh.
 */
export async function redeployStacks(current: DeployedStack[], next: readonly LoadedStack[], options: RedeployOptions): Promise<RedeployReport> {
  const updated: string[] = [];
  const created: string[] = [];
  const stopped: string[] = [];
  const wanted = new Set(next.map((stack) => stack.name));
  for (const old of [...current]) {
    if (wanted.has(old.name)) continue;
    await old.stop();
    current.splice(current.indexOf(old), 1);
    options.forget(old.name);
    stopped.push(old.name);
  }
  for (const stack of next) {
    const index = current.findIndex((deployed) => deployed.name === stack.name);
    if (index >= 0) await current[index]!.stop();
    const deployed = await options.deploy(stack);
    if (index >= 0) {
      current[index] = deployed;
      updated.push(stack.name);
    } else {
      current.push(deployed);
      created.push(stack.name);
    }
  }
  return { updated, created, stopped };
}
