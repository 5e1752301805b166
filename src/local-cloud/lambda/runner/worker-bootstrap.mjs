// Entry of every function worker. Plain JavaScript, and no module loader registered: the main
// thread compiled the runtime loop and the handler (sandbox-code.ts), as a loader's hooks would run
// on a thread of their own per worker. Their linked source maps make stack traces name the sources.
import process from 'node:process';
import { workerData } from 'node:worker_threads';
import { installRuntimeSdkFallback } from './sdk-fallback.mjs';

installRuntimeSdkFallback();
process.setSourceMapsEnabled(true);
await import(workerData.runtimeUrl);
