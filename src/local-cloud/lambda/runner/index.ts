export * from './errors.ts';
export * from './function-runner.ts';
export { MAX_FAULT_LATENCY_MS, type FaultSettings } from './faults.ts';
export type * from './types.ts';
