/** Where a request's objects live in the storage bucket. */
export const inputKey = (requestId: string) => `${requestId}/input.json`;
export const outputKey = (requestId: string) => `${requestId}/output.json`;
/** Zero-padded so the parts list in batch order (1,001 batches for 100,001 contacts). */
export const partKey = (requestId: string, batchIndex: number) => `${requestId}/parts/${String(batchIndex).padStart(6, '0')}.json`;

export const UPLOAD_PREFIX = 'uploads/';
export const uploadKey = (id: string) => `${UPLOAD_PREFIX}${id}.json`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Request ids are UUIDs; anything else cannot name a request (nor another item of the status table). */
export const isRequestId = (value: string) => UUID.test(value);
