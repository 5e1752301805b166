import type { AppDef } from '../platform/topology/types.ts';
import { ddbClientApp } from './ddb-client/topology.ts';
import { dispensaryApp } from './dispensary/topology.ts';
import { ecommerceApp } from './ecommerce/topology.ts';
import { enrichmentApp } from './enrichment/topology.ts';
import { serviceLimitsApp } from './service-limits/topology.ts';

/** Every app `npm start` runs and the CDK synthesizes. Add an app's topology here. */
export const apps: readonly AppDef[] = [ecommerceApp(), ddbClientApp(), serviceLimitsApp(), enrichmentApp(), dispensaryApp()];
