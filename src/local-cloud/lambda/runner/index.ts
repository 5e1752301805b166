export * from './errors.ts';
export * from './function-runner.ts';
export type * from './types.ts';
