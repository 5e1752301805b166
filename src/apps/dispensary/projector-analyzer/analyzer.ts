import type { S3Event } from 'aws-lambda';
import { analyzeUpload, type AnalyzeOutcome, type AnalyzerDeps } from './analyze.ts';

/** S3 keys in notifications are URL-encoded, spaces as `+`. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * The S3 notification handler: each created object, in order. A failure throws, so that Lambda's
 * asynchronous retries run the whole event again (what was done is then a duplicate).
 */
export function prescriptionAnalyzer(deps: AnalyzerDeps) {
  return async (event: S3Event): Promise<{ outcomes: AnalyzeOutcome[] }> => {
    const outcomes: AnalyzeOutcome[] = [];
    for (const record of event.Records ?? []) {
      if (!record.eventName?.startsWith('ObjectCreated')) continue;
      const { bucket, object } = record.s3;
      outcomes.push(await analyzeUpload(deps, { bucket: bucket.name, key: decodeKey(object.key), versionId: object.versionId }));
    }
    return { outcomes };
  };
}
