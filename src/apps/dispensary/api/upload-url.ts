import { InvalidArgumentsError } from '../../../platform/errors.ts';
import type { EventLogDeps } from '../event-log/deps.ts';
import { loadDispense } from '../event-log/event-log.ts';
import { CommandRefusedError, DispenseNotFoundError } from '../dispense/errors.ts';

export const UPLOAD_URL_EXPIRES_SECONDS = 3600;

/** The analyzer's S3 notification suffixes (decision 7) and the content types they stand for. */
const EXTENSIONS = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' } as const;
type Extension = keyof typeof EXTENSIONS;
const BY_CONTENT_TYPE: Readonly<Record<string, Extension>> = { 'image/jpeg': 'jpg', 'image/jpg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export type PresignPut = (bucket: string, key: string, options: { contentType?: string; expiresInSeconds: number }) => Promise<string>;

export interface UploadUrlDeps extends EventLogDeps {
  readonly bucket: string;
  readonly presignPut: PresignPut;
}

export interface UploadUrl {
  readonly upload_url: string;
  readonly prescription_id: string;
  readonly key: string;
  readonly expires_in: number;
}

/**
 * A presigned PUT for a prescription of a pending dispense, at `prescriptions/<id>/<ulid>.<ext>`
 * so that the upload triggers the analyzer (decision 5). Issues no command.
 */
export async function createUploadUrl(deps: UploadUrlDeps, id: string, input: { file_name: string; content_type?: string | undefined }): Promise<UploadUrl> {
  const extension = uploadExtension(input.file_name, input.content_type);
  const { state } = await loadDispense(deps, id);
  if (state === null) throw new DispenseNotFoundError(id);
  // The analyzer could only be refused: say so now rather than after the upload.
  if (state.status !== 'pending') throw new CommandRefusedError('UploadPrescription', state.status);
  const prescription_id = deps.newId();
  const key = `prescriptions/${id}/${prescription_id}.${extension}`;
  const contentType = input.content_type?.toLowerCase();
  const upload_url = await deps.presignPut(deps.bucket, key, { ...(contentType && { contentType }), expiresInSeconds: UPLOAD_URL_EXPIRES_SECONDS });
  return { upload_url, prescription_id, key, expires_in: UPLOAD_URL_EXPIRES_SECONDS };
}

/** The extension of the file name, else of the content type; only jpg/jpeg/png/pdf, and the two must agree. */
export function uploadExtension(fileName: string, contentType?: string): Extension {
  const dot = fileName.lastIndexOf('.');
  const fromName = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : undefined;
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const fromType = type === undefined ? undefined : BY_CONTENT_TYPE[type];
  if (fromName !== undefined && !Object.hasOwn(EXTENSIONS, fromName)) {
    throw new InvalidArgumentsError('unsupported file type', [{ path: 'file_name', message: `must end in .jpg, .jpeg, .png or .pdf, got .${fromName}` }]);
  }
  if (type !== undefined && fromType === undefined) {
    throw new InvalidArgumentsError('unsupported content type', [{ path: 'content_type', message: `must be image/jpeg, image/png or application/pdf, got ${type}` }]);
  }
  if (fromName !== undefined && fromType !== undefined && EXTENSIONS[fromName as Extension] !== EXTENSIONS[fromType]) {
    throw new InvalidArgumentsError('content type mismatch', [{ path: 'content_type', message: `${type} does not match the file name's .${fromName}` }]);
  }
  const extension = (fromName as Extension | undefined) ?? fromType;
  if (extension === undefined) {
    throw new InvalidArgumentsError('unknown file type', [{ path: 'file_name', message: 'needs an extension (.jpg, .jpeg, .png or .pdf) or a content_type' }]);
  }
  return extension;
}
