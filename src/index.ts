export { startCloud, type Cloud, type StartCloudOptions } from './api/start-cloud.ts';
export type { CloudEndpoints } from './api/endpoints.ts';
export { SettleTimeoutError } from './local-cloud/settle/errors.ts';
export type { BusyList } from './local-cloud/settle/busy.ts';
export type { SettleOptions } from './local-cloud/settle/settle.ts';
export type { AppDef } from './platform/topology/types.ts';
