import { tables } from '../../shared/config.ts';
import { storeDeps } from '../../shared/deps.ts';
import { gatewayFromEnv } from '../gateway.ts';
import { processOrderPaymentWorker } from './processOrderPayment.ts';

/** ProcessOrderPaymentWorker (spec §4.4), its gateway configured by PAYMENT_GATEWAY_* variables. */
export const handler = processOrderPaymentWorker({ ...storeDeps(tables.payments), eventStore: tables.eventStore, gateway: gatewayFromEnv() });
