/** The `Dispense` aggregate's state and its value types (spec "Data model"); fields keep the reference's snake_case. */

export const AGGREGATE_TYPE = 'Dispense';

export const DISPENSE_STATUS = ['pending', 'analyzing', 'ready', 'complete', 'cancelled'] as const;
export type DispenseStatus = (typeof DISPENSE_STATUS)[number];

export interface DrugItem {
  readonly drug_id: string;
  readonly name: string;
  readonly quantity: number;
}

export interface Dispense {
  readonly id: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly status: DispenseStatus;
  readonly prescription_id?: string;
  readonly prescription_url?: string;
  readonly prescription_analyzed: boolean;
  readonly patient_id?: string;
  readonly patient_name?: string;
  readonly drugs: readonly DrugItem[];
  /** Never set to true (the reference's unused soft delete), kept for the view's shape. */
  readonly deleted: boolean;
}

/** `null` until the dispense is started. */
export type DispenseState = Dispense | null;

export const initialState = (): DispenseState => null;

/** `Dispense:<ulid>`, the event log's and snapshots' partition key. */
export const aggregateKey = (id: string): string => `${AGGREGATE_TYPE}:${id}`;

/** Crockford base-32, 26 characters, the first at most 7 (48-bit time). */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
export const isUlid = (value: string): boolean => ULID_PATTERN.test(value);
