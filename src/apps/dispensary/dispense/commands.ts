import type { DrugItem } from './dispense.ts';

/** When the command is decided; injected so that the decider stays pure. */
export interface CommandMetadata {
  readonly now: string;
}

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Data; readonly metadata: CommandMetadata };

export type DispenseCommand =
  | Command<'StartDispense', { readonly id: string }>
  | Command<'UploadPrescription', { readonly prescription_id: string; readonly url: string }>
  | Command<'AnalyzePrescription', { readonly analysis_data: string }>
  | Command<'AddPatient', { readonly patient_id: string; readonly name: string }>
  | Command<'AddDrugs', { readonly drugs: readonly DrugItem[] }>
  | Command<'CompleteDispense', Record<string, never>>
  | Command<'CancelDispense', Record<string, never>>;

export type DispenseCommandType = DispenseCommand['type'];

export const DISPENSE_COMMAND_TYPES = [
  'StartDispense',
  'UploadPrescription',
  'AnalyzePrescription',
  'AddPatient',
  'AddDrugs',
  'CompleteDispense',
  'CancelDispense',
] as const satisfies readonly DispenseCommandType[];
