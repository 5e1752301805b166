export * from './define.ts';
export * from './errors.ts';
export * from './types.ts';
export { validateApp } from './validate.ts';
export { isResourceRef, replaceRefs } from './refs.ts';
