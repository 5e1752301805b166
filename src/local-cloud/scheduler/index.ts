export * from './api.ts';
export * from './errors.ts';
export * from './models.ts';
export * from './service.ts';
export type { ScheduleInput } from './validate.ts';
