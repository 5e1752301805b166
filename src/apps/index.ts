import type { AppDef } from '../platform/topology/types.ts';

/** Every app `npm start` runs and the CDK synthesizes. Add an app's topology here. */
export const apps: readonly AppDef[] = [];
