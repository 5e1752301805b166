#!/usr/bin/env node
// The installed package's `eventloom` command. eventloom ships its TypeScript sources and runs them
// through tsx (a dependency), as `npm start` does in the repository; function sandboxes load
// handlers that the main thread compiled with esbuild.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
