import type { DeployContext } from './context.ts';
import type { RulePlan } from './plan.ts';

export function deployBuses(ctx: DeployContext, buses: readonly string[]): void {
  for (const bus of buses) ctx.services.eventBridge.createBus(bus, { ifNotExists: true });
}

/**
 * Puts each rule with its targets. A data directory keeps rules and targets a later version of the
 * stack no longer declares: on the stack's own buses they are removed, and on the default bus
 * (where scheduled rules live) those the stack deployed.
 */
export function deployRules(ctx: DeployContext, buses: readonly string[], rules: readonly RulePlan[]): void {
  const { eventBridge } = ctx.services;
  const declared = new Set(rules.map((rule) => `${rule.busName}/${rule.name}`));
  for (const bus of new Set([...buses, 'default'])) {
    for (const rule of eventBridge.listRules(bus)) {
      const owned = buses.includes(bus) || rule.managedBy === ctx.stack;
      if (declared.has(`${bus}/${rule.name}`) || !owned) continue;
      eventBridge.removeTargets(bus, rule.name, rule.targets.map((t) => t.id));
      eventBridge.deleteRule(bus, rule.name);
      ctx.logger.info('removed a rule the stack no longer declares', { bus, rule: rule.name });
    }
  }
  for (const rule of rules) {
    eventBridge.putRule({
      name: rule.name,
      busName: rule.busName,
      ...(rule.eventPattern !== undefined && { eventPattern: JSON.stringify(rule.eventPattern) }),
      ...(rule.scheduleExpression !== undefined && { scheduleExpression: rule.scheduleExpression }),
      state: rule.enabled ? 'ENABLED' : 'DISABLED',
      managedBy: ctx.stack,
      ...(rule.description !== undefined && { description: rule.description }),
    });
    const stale = eventBridge.getRule(rule.busName, rule.name).targets.filter((t) => !rule.targets.some((d) => d.id === t.id));
    if (stale.length > 0) eventBridge.removeTargets(rule.busName, rule.name, stale.map((t) => t.id));
    eventBridge.putTargets(rule.busName, rule.name, rule.targets);
  }
}
