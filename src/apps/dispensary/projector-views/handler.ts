import { projectorDeps } from '../shared/deps.ts';
import { viewsProjector } from './projector.ts';

/** Kinesis `events` → the dispenses view (decision 4). */
export const handler = viewsProjector(projectorDeps());
