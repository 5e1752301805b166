export * from './aws-json.ts';
export * from './aws-query.ts';
export * from './errors.ts';
export * from './query-params.ts';
export * from './server.ts';
export * from './xml.ts';
