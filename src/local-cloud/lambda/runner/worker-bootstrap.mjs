// Entry of every function worker. Plain JavaScript on purpose: a worker starts without the
// parent's TypeScript loader (under vitest there is none to inherit), so it registers tsx
// itself before loading the TypeScript runtime loop and, through it, the handler module.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
