export * from './destination-record.ts';
export * from './outbox.ts';
export * from './ports.ts';
export * from './target.ts';
export * from './target-dispatcher.ts';
