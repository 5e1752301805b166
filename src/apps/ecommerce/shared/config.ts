import { requiredEnv } from '../../../platform/aws-clients.ts';

/**
 * Table names, one variable per logical database (decision 8): all point at the one table by
 * default, but a deployment may split them physically.
 */
export const tables = {
  get eventStore() {
    return requiredEnv('EVENT_STORE_TABLE_NAME');
  },
  get inventory() {
    return requiredEnv('INVENTORY_TABLE_NAME');
  },
  get orders() {
    return requiredEnv('ORDERS_TABLE_NAME');
  },
  get payments() {
    return requiredEnv('PAYMENTS_TABLE_NAME');
  },
};

/** The clock app code uses: ISO-8601 strings, injectable in services. */
export type Clock = () => string;
export const systemClock: Clock = () => new Date().toISOString();
