import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createLogger } from '../../../platform/log.ts';
import { s3 } from '../../../platform/s3.ts';
import { eventLogDeps } from '../shared/deps.ts';
import { prescriptionAnalyzer } from './analyzer.ts';

/** Prescription uploads in S3 → UploadPrescription → mock AnalyzePrescription (decision 7). */
export const handler = prescriptionAnalyzer({
  ...eventLogDeps(),
  logger: createLogger({ context: { function: process.env.AWS_LAMBDA_FUNCTION_NAME } }),
  readObject: async ({ bucket, key, versionId }) => {
    const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId && versionId !== 'null' && { VersionId: versionId }) }));
    const bytes = await object.Body!.transformToByteArray();
    return { size: bytes.byteLength };
  },
});
