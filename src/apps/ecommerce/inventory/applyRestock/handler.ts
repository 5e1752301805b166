import { sqsWorker } from '../../../../platform/sqs-worker.ts';
import { parseRestockEvent } from '../../events.ts';
import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { applyRestock } from './applyRestock.ts';

const deps = storeDeps(tables.inventory);

/** RestockSkuWorker: SKU_RESTOCKED_EVENT → stock += lot units, once per lot. */
export const handler = sqsWorker({ parse: parseRestockEvent, handle: (event) => applyRestock(deps, event.eventData) });
