export * from './api.ts';
export * from './bus.ts';
export * from './models.ts';
export * from './outbox.ts';
export * from './targets.ts';
export * from './transform.ts';
