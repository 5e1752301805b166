import { requiredEnv } from '../../../platform/aws-clients.ts';

/** The resources a function reads from its environment (names set by the topology). */
export const config = {
  get eventLogTable() {
    return requiredEnv('EVENT_LOG_TABLE_NAME');
  },
  get snapshotsTable() {
    return requiredEnv('SNAPSHOTS_TABLE_NAME');
  },
  get viewsTable() {
    return requiredEnv('VIEWS_TABLE_NAME');
  },
  get prescriptionsBucket() {
    return requiredEnv('PRESCRIPTIONS_BUCKET_NAME');
  },
  get eventsStream() {
    return requiredEnv('EVENTS_STREAM_NAME');
  },
};
