// Entry of every function worker. Plain JavaScript on purpose: a worker starts without the
// parent's TypeScript loader (under vitest there is none to inherit), so it registers tsx
// itself before loading the TypeScript runtime loop and, through it, the handler module.
import { register } from 'tsx/esm/api';
import { installRuntimeSdkFallback } from './sdk-fallback.mjs';

register();
installRuntimeSdkFallback();
await import('./worker.ts');
