import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { batchCount } from '../../shared/batching.ts';
import { requestHash } from '../../shared/canonical-json.ts';
import type { Contact, EnrichmentInput } from '../../shared/contacts.ts';
import type { Deps } from '../../shared/deps.ts';
import type { Issue } from '../../../../platform/errors.ts';
import { ValidationError } from '../../shared/errors.ts';
import { inputKey, outputKey } from '../../shared/keys.ts';
import type { SplitMessage } from '../../shared/messages.ts';
import type { CreateRequest } from './request.ts';
import { validContacts } from './request.ts';
import { uploadReference, type BucketLocation } from './upload-reference.ts';

export interface CreateEnrichmentDeps extends Deps {
  readonly splitQueueUrl: string;
  readonly location: BucketLocation;
  /** A presigned GET URL of an object of the bucket. */
  readonly presignGet: (key: string) => Promise<string>;
}

export interface Accepted {
  readonly message: 'Request accepted';
  readonly requestId: string;
  readonly downloadUrl: string;
  /** Present (true) when an identical request came first: nothing new was queued. */
  readonly deduplicated?: true;
}

/**
 * Accepts a request without doing its work (decision 3): resolves the contacts (inline, or an upload
 * in the service's own bucket), deduplicates by the content hash (unless the request it matches
 * failed: that one is run again as a new request), stores `input.json`, writes the `processing`
 * record and queues one split message.
 */
export async function createEnrichment(deps: CreateEnrichmentDeps, request: CreateRequest): Promise<Accepted> {
  const input: EnrichmentInput = { contacts: await resolveContacts(deps, request.contacts), fields_to_enrich: request.fields_to_enrich };
  const hash = requestHash(input);
  const first = await deps.status.findByHash(hash);
  // A repeat of a request that failed runs again, as a new request that takes the hash over.
  const failedFirst = first !== undefined && (await deps.status.get(first))?.status === 'failed';
  if (first && !failedFirst) return deduplicated(deps, first);

  const requestId = deps.newId();
  // Stored before the record exists, so a split never finds its input missing. Losing the race below
  // leaves this object orphaned; it is never read.
  await deps.storage.putJson(inputKey(requestId), input);
  const created = await deps.status.create(
    { requestId, requestHash: hash, createdAt: deps.now(), contactCount: input.contacts.length, totalBatches: batchCount(input.contacts.length) },
    failedFirst ? first : undefined,
  );
  if (!created.created) return deduplicated(deps, created.requestId);
  await queueSplit(deps, requestId);
  return { message: 'Request accepted', requestId, downloadUrl: await deps.presignGet(outputKey(requestId)) };
}

async function resolveContacts(deps: CreateEnrichmentDeps, contacts: CreateRequest['contacts']): Promise<readonly Contact[]> {
  if (!('reference' in contacts)) return contacts;
  const reference = uploadReference(contacts.reference, deps.location);
  if (!reference.ok) throw new ValidationError([{ path: 'contacts', message: reference.message }]);
  const text = await deps.storage.getText(reference.key);
  if (text === undefined) throw new ValidationError([{ path: 'contacts', message: `no uploaded object at ${reference.key}` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: 'contacts', message: `the uploaded object ${reference.key} is not valid JSON` }]);
  }
  // A file holds `{contacts: [...]}` (what the scripts write) or a bare list.
  const list = Array.isArray(parsed) ? parsed : (parsed as { contacts?: unknown } | null)?.contacts;
  const issues: Issue[] = [];
  const valid = validContacts(list, issues);
  if (!valid) throw new ValidationError(issues);
  return valid;
}

/**
 * The first request's answer. If that request never got its split message queued (its API call
 * failed in between), queue it now: a second split is harmless (batches are counted once).
 */
async function deduplicated(deps: CreateEnrichmentDeps, requestId: string): Promise<Accepted> {
  const record = await deps.status.get(requestId);
  if (record && record.status === 'processing' && record.splitQueuedAt === undefined) await queueSplit(deps, requestId);
  return { message: 'Request accepted', requestId, downloadUrl: await deps.presignGet(outputKey(requestId)), deduplicated: true };
}

async function queueSplit(deps: CreateEnrichmentDeps, requestId: string): Promise<void> {
  const message: SplitMessage = { requestId };
  await deps.sqs.send(new SendMessageCommand({ QueueUrl: deps.splitQueueUrl, MessageBody: JSON.stringify(message) }));
  await deps.status.markSplitQueued(requestId, deps.now());
}
