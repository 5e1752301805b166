import { arn } from '../identity.ts';
import { MAX_FAULT_LATENCY_MS, type FaultSettings } from '../lambda/runner/index.ts';
import { toResultEntry } from '../sqs/api-moves.ts';
import type { Dashboard } from './dashboard.ts';
import { badField, notFound } from './errors.ts';
import { jsonText, optionalBoolean, optionalNumber, optionalString, requiredString, type Body } from './input.ts';

/** What the page (and a script) can do, each checked field by field: a 400 names the field, a 404 the resource. */
export function dashboardActions(dashboard: Dashboard) {
  const { sqs, eventBridge, runner, dispatcher } = dashboard.services;
  const queue = (name: string) => {
    if (!sqs.listQueues().includes(name)) throw notFound(`Queue ${name}`);
    return name;
  };
  const fn = (name: string) => {
    if (!runner.has(name)) throw notFound(`Function ${name}`);
    return name;
  };

  return {
    /** SendMessage: `{ body, delaySeconds? }` (`body` a string, or JSON sent as its text). */
    sendMessage(name: string, body: Body) {
      const text = jsonText(body, 'body', { required: true })!;
      const delaySeconds = optionalNumber(body, 'delaySeconds', 0, 900, { integer: true });
      const sent = sqs.sendMessage(queue(name), { body: text, ...(delaySeconds !== undefined && { delaySeconds }) });
      return { messageId: sent.messageId };
    },

    /** PurgeQueue (at most once a minute per queue, as on AWS). */
    purge(name: string) {
      sqs.purgeQueue(queue(name));
      return { purged: name };
    },

    /**
     * StartMessageMoveTask out of a dead-letter queue: `{ destination?, maxPerSecond? }`. Without a
     * destination each message returns to the queue it was dead-lettered from, as on AWS.
     */
    redrive(name: string, body: Body) {
      const destination = optionalString(body, 'destination');
      if (destination !== undefined && !sqs.listQueues().includes(destination)) throw badField('destination', `queue ${destination} does not exist.`);
      const maxPerSecond = optionalNumber(body, 'maxPerSecond', 1, 500, { integer: true });
      const taskHandle = sqs.startMessageMoveTask(sqs.queueArn(queue(name)), destination && sqs.queueArn(destination), maxPerSecond);
      return { taskHandle };
    },

    /** ListMessageMoveTasks: the queue's last ten tasks, most recent first. */
    redrives(name: string) {
      return { tasks: sqs.listMessageMoveTasks(sqs.queueArn(queue(name)), 10).map(toResultEntry) };
    },

    /** CancelMessageMoveTask: `{ taskHandle? }`, default the queue's running task. */
    cancelRedrive(name: string, body: Body) {
      const running = sqs.listMessageMoveTasks(sqs.queueArn(queue(name)), 10).find((task) => task.status === 'RUNNING');
      const taskHandle = optionalString(body, 'taskHandle') ?? running?.taskHandle;
      if (taskHandle === undefined) throw badField('taskHandle', `no message move task is running on ${name}.`);
      return { moved: sqs.cancelMessageMoveTask(taskHandle) };
    },

    /** PutEvents of one event: `{ bus?, source, detailType, detail, resources? }`; answers the rules it matched. */
    putEvent(body: Body) {
      const bus = optionalString(body, 'bus') ?? 'default';
      if (!eventBridge.listBuses().includes(bus)) throw badField('bus', `event bus ${bus} does not exist.`);
      const resources = body.resources;
      if (resources !== undefined && (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string'))) throw badField('resources', 'must be an array of strings.');
      const entry = {
        EventBusName: bus,
        Source: requiredString(body, 'source'),
        DetailType: requiredString(body, 'detailType'),
        Detail: jsonText(body, 'detail', { required: true, object: true })!,
        ...(resources !== undefined && { Resources: resources as string[] }),
      };
      const [result] = eventBridge.putEvents([entry]).Entries;
      if (!result?.EventId) throw badField('detail', result?.ErrorMessage ?? 'the event was refused.');
      const matchedRules = eventBridge.recentEvents().findLast((recent) => recent.event.id === result.EventId)?.matchedRules ?? [];
      return { eventId: result.EventId, matchedRules };
    },

    /** Invoke: `{ payload?, async? }`; synchronous answers the function's result, asynchronous queues it (Lambda's `Event`). */
    async invoke(name: string, body: Body) {
      fn(name);
      const payload: unknown = body.payload === undefined ? {} : body.payload;
      if (optionalBoolean(body, 'async')) {
        dispatcher.invokeAsync(arn('lambda', `function:${name}`), JSON.stringify(payload));
        return { status: 'queued' };
      }
      const result = await runner.invoke(name, payload);
      return result.ok
        ? { ok: true, payload: result.payload ?? null, durationMs: Math.round(result.durationMs) }
        : { ok: false, error: result.error, timedOut: result.timedOut, durationMs: Math.round(result.durationMs) };
    },

    /** Fault injection: `{ errorRate?, latencyMs?, duplicateRate? }` (rates 0–1); all zero turns it off. */
    setFault(name: string, body: Body) {
      const settings: Partial<FaultSettings> = {
        errorRate: optionalNumber(body, 'errorRate', 0, 1) ?? 0,
        latencyMs: optionalNumber(body, 'latencyMs', 0, MAX_FAULT_LATENCY_MS, { integer: true }) ?? 0,
        duplicateRate: optionalNumber(body, 'duplicateRate', 0, 1) ?? 0,
      };
      return { function: name, fault: runner.faults.set(fn(name), settings) };
    },

    clearFault(name: string) {
      runner.faults.clear(fn(name));
      return { function: name, fault: null };
    },

    async pauseMapping(uuid: string) {
      const mapping = dashboard.mapping(uuid);
      mapping.pause();
      return mapping.describe();
    },

    async resumeMapping(uuid: string) {
      const mapping = dashboard.mapping(uuid);
      await mapping.resume();
      return mapping.describe();
    },
  };
}

export type DashboardActions = ReturnType<typeof dashboardActions>;
