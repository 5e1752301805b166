export { Dashboard, type DashboardOptions } from './dashboard.ts';
export { mountDashboard } from './routes.ts';
export type * from './overview-types.ts';
export type { Trace, TraceStep } from './trace.ts';
