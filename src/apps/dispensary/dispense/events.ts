import type { DispenseStatus, DrugItem } from './dispense.ts';

/** Every event reports this version (spec "Events"). */
export const EVENT_VERSION = '1.0';

export type DispenseEvent =
  | { readonly type: 'Dispense:Started'; readonly data: { readonly id: string; readonly created_at: string; readonly status: DispenseStatus } }
  | {
      readonly type: 'Dispense:PrescriptionUploaded';
      readonly data: { readonly id: string; readonly prescription_id: string; readonly url: string; readonly updated_at: string };
    }
  | { readonly type: 'Dispense:PrescriptionAnalyzed'; readonly data: { readonly id: string; readonly analysis_data: string; readonly updated_at: string } }
  | {
      readonly type: 'Dispense:PatientAdded';
      readonly data: { readonly id: string; readonly patient_id: string; readonly patient_name: string; readonly updated_at: string };
    }
  | { readonly type: 'Dispense:DrugsAdded'; readonly data: { readonly id: string; readonly drugs: readonly DrugItem[]; readonly updated_at: string } }
  | { readonly type: 'Dispense:Completed'; readonly data: { readonly id: string; readonly updated_at: string } }
  | { readonly type: 'Dispense:Cancelled'; readonly data: { readonly id: string; readonly updated_at: string } };

export type DispenseEventType = DispenseEvent['type'];

export const DISPENSE_EVENT_TYPES = [
  'Dispense:Started',
  'Dispense:PrescriptionUploaded',
  'Dispense:PrescriptionAnalyzed',
  'Dispense:PatientAdded',
  'Dispense:DrugsAdded',
  'Dispense:Completed',
  'Dispense:Cancelled',
] as const satisfies readonly DispenseEventType[];

export const isDispenseEventType = (value: unknown): value is DispenseEventType =>
  typeof value === 'string' && (DISPENSE_EVENT_TYPES as readonly string[]).includes(value);
