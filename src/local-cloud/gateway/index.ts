export * from './errors.ts';
export * from './gateway.ts';
export * from './function-url.ts';
