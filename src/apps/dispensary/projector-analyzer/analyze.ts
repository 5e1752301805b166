import type { Logger } from '../../../platform/log.ts';
import { isUlid } from '../dispense/dispense.ts';
import { CommandRefusedError, DispenseNotFoundError } from '../dispense/errors.ts';
import { executeCommand } from '../event-log/command-handler.ts';
import type { EventLogDeps } from '../event-log/deps.ts';
import { loadDispense } from '../event-log/event-log.ts';
import { mockAnalysis } from './mock-analysis.ts';

/** One uploaded object, as its S3 notification names it (key decoded). */
export interface PrescriptionUpload {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
}

export interface AnalyzerDeps extends EventLogDeps {
  /** Reads the uploaded object (the analysis input); only its size is used by the mock. */
  readonly readObject: (upload: PrescriptionUpload) => Promise<{ size: number }>;
  readonly logger: Logger;
}

export type AnalyzeOutcome = 'analyzed' | 'duplicate' | 'ignored';

/** `prescriptions/<dispense ulid>/<prescription id>.<ext>`; the upload URL puts a ULID in the file name. */
const KEY = /^prescriptions\/([^/]+)\/([^/]+)\.(jpg|jpeg|png|pdf)$/i;

/**
 * S3 upload → UploadPrescription (prescription_id = the key's file name, url `s3://bucket/key`) →
 * read the object → AnalyzePrescription with the mock analysis (decision 7). Idempotent per object:
 * a dispense that already holds this prescription is only analyzed if it is still analyzing it,
 * so a repeated notification (or a new version of the same key) changes nothing. Refusals and
 * unknown dispenses are logged and dropped; failures of DynamoDB or S3 throw (Lambda retries).
 */
export async function analyzeUpload(deps: AnalyzerDeps, upload: PrescriptionUpload): Promise<AnalyzeOutcome> {
  const match = KEY.exec(upload.key);
  if (!match || !isUlid(match[1]!)) {
    deps.logger.warn('ignored an object whose key is not prescriptions/<dispense id>/<file>', { key: upload.key });
    return 'ignored';
  }
  const [, dispenseId, prescriptionId] = match as unknown as [string, string, string];
  const url = `s3://${upload.bucket}/${upload.key}`;
  try {
    const { state } = await loadDispense(deps, dispenseId);
    if (state === null) throw new DispenseNotFoundError(dispenseId);
    if (state.prescription_id !== prescriptionId) {
      await executeCommand(deps, dispenseId, { type: 'UploadPrescription', data: { prescription_id: prescriptionId, url } });
    } else if (state.status !== 'analyzing' || state.prescription_analyzed) {
      return 'duplicate';
    }
    const { size } = await deps.readObject(upload);
    const analysis = mockAnalysis(upload.key, size, deps.now());
    await executeCommand(deps, dispenseId, { type: 'AnalyzePrescription', data: { analysis_data: JSON.stringify(analysis) } });
    return 'analyzed';
  } catch (error) {
    if (error instanceof CommandRefusedError || error instanceof DispenseNotFoundError) {
      deps.logger.warn('prescription upload not applied', { key: upload.key, reason: error.message });
      return 'ignored';
    }
    throw error;
  }
}
