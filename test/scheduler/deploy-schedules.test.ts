import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local-cloud/cloud.ts';
import { deployStack } from '../../src/local-cloud/deploy/deploy-stack.ts';
import type { RulePlan, SchedulePlan } from '../../src/local-cloud/deploy/plan.ts';
import { acceleratedClock } from '../../src/local-cloud/eventbridge/schedule-timer.ts';
import { arn } from '../../src/local-cloud/identity.ts';
import { startTestCloud } from '../support/cloud.ts';
import { handBuiltStack } from '../support/stack-source.ts';
import { waitFor } from '../support/wait-for.ts';

// SchedulePlans and scheduled RulePlans of a hand-built stack, deployed, redeployed and removed.
const clock = acceleratedClock({ speed: 60, start: Date.parse('2030-01-01T00:00:00Z') });
const queues = [{ name: 'dep-ticks', attributes: {} }, { name: 'dep-once', attributes: {} }, { name: 'dep-rule', attributes: {} }];
const ticks: SchedulePlan = { name: 'dep-ticks', groupName: 'dep-group', expression: 'rate(1 minute)', enabled: true, target: { arn: arn('sqs', 'dep-ticks'), input: '{"tick":1}' } };
const once: SchedulePlan = { name: 'dep-once', expression: 'at(2029-12-31T23:00:00)', enabled: true, actionAfterCompletion: 'DELETE', target: { arn: arn('sqs', 'dep-once'), input: '{"once":1}' } };
const rule: RulePlan = { name: 'dep-every-minute', busName: 'default', scheduleExpression: 'rate(1 minute)', enabled: true, targets: [{ id: 'q', arn: arn('sqs', 'dep-rule') }] };
const stack = (schedules: SchedulePlan[], rules: RulePlan[]) =>
  handBuiltStack('dep', { storage: { queues }, compute: () => ({ scheduleGroups: ['dep-group'], schedules, rules }) });

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ apps: [], scheduleClock: clock });
});
afterAll(() => cloud?.stop());

const visible = (queue: string) => cloud.services.sqs.stats(queue).visible;

describe('deploying schedules', () => {
  it('creates groups and schedules, fires them, and fires a past one-off once', async () => {
    await deployStack(stack([ticks, once], [rule]), cloud.services);

    await waitFor(() => visible('dep-ticks') >= 2 && visible('dep-once') === 1 && visible('dep-rule') >= 1, { timeoutMs: 10_000, description: 'the schedules and the rule to fire' });

    expect(cloud.services.scheduler.getGroup('dep-group').name).toBe('dep-group');
    expect(cloud.services.scheduler.listSchedules({ group: 'default' }).map((s) => s.name)).not.toContain('dep-once');
  });

  it('leaves an unchanged schedule alone and does not bring back a completed one-off on redeploy', async () => {
    const before = cloud.services.scheduler.getSchedule('dep-group', 'dep-ticks');

    await deployStack(stack([ticks, once], [rule]), cloud.services);

    expect(cloud.services.scheduler.getSchedule('dep-group', 'dep-ticks')).toEqual(before);
    expect(cloud.services.scheduler.listSchedules({ group: 'default' }).map((s) => s.name)).not.toContain('dep-once');
  });

  it('removes the schedules and scheduled rules the stack no longer declares, and only those', async () => {
    cloud.services.scheduler.createSchedule('dep-made-at-runtime', { ScheduleExpression: 'at(2099-01-01T00:00:00)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: arn('sqs', 'dep-once'), RoleArn: 'arn:aws:iam::000000000000:role/r' } });

    await deployStack(stack([], []), cloud.services);

    expect(cloud.services.scheduler.listSchedules({ group: 'dep-group' })).toEqual([]);
    expect(cloud.services.scheduler.listSchedules({ group: 'default' }).map((s) => s.name)).toEqual(['dep-made-at-runtime']);
    expect(cloud.services.eventBridge.listRules('default').map((r) => r.name)).not.toContain('dep-every-minute');
  });
});
