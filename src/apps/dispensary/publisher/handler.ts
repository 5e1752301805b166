import { kinesis } from '../../../platform/kinesis.ts';
import { config } from '../shared/config.ts';
import { publisher } from './publisher.ts';

/** Event-log stream → Kinesis `events` (decision 6). */
export const handler = publisher({ kinesis: kinesis(), streamName: config.eventsStream });
