import { presignedPutUrl } from '../../../platform/s3.ts';
import { config } from '../shared/config.ts';
import { eventLogDeps, viewDeps } from '../shared/deps.ts';
import { dispensaryApi } from './api.ts';

/** Every route of the dispensary's HTTP API (decision 5), and its direct Invoke (decision 8). */
export const handler = dispensaryApi({
  ...eventLogDeps(),
  ...viewDeps(),
  bucket: config.prescriptionsBucket,
  presignPut: (bucket, key, options) => presignedPutUrl(bucket, key, options),
});
