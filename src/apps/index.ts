import type { AppDef } from '../platform/topology/types.ts';
import { ecommerceApp } from './ecommerce/topology.ts';

/** Every app `npm start` runs and the CDK synthesizes. Add an app's topology here. */
export const apps: readonly AppDef[] = [ecommerceApp()];
