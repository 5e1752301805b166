export * from './api.ts';
export * from './bus.ts';
export * from './models.ts';
export * from '../delivery/target-dispatcher.ts';
export * from './transform.ts';
