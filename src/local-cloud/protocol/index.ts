export * from './aws-json.ts';
export * from './errors.ts';
export * from './server.ts';
