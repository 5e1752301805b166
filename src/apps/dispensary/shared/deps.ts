import { ulid } from 'ulid';
import { dynamoDb } from '../../../platform/aws-clients.ts';
import type { EventLogDeps } from '../event-log/deps.ts';
import type { ProjectorDeps } from '../projector-views/project.ts';
import type { ViewDeps } from '../views/views.ts';
import { config } from './config.ts';

export const systemClock = (): string => new Date().toISOString();

export function eventLogDeps(): EventLogDeps {
  return { client: dynamoDb(), eventLogTable: config.eventLogTable, snapshotsTable: config.snapshotsTable, now: systemClock, newId: () => ulid() };
}

export function viewDeps(): ViewDeps {
  return { client: dynamoDb(), viewsTable: config.viewsTable };
}

export function projectorDeps(): ProjectorDeps {
  return { ...viewDeps(), eventLogTable: config.eventLogTable };
}
