/** A typed HTTP client of the enrichment API, shared by the scripts, the end-to-end tests and the benchmark. */
export interface HttpAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface Accepted {
  message: string;
  requestId: string;
  downloadUrl: string;
  deduplicated?: true;
}

export interface RequestView {
  requestId: string;
  status: 'processing' | 'completed' | 'failed';
  createdAt: string;
  totalBatches: number;
  processedBatches: number;
  contactCount: number;
  outputFileKey: string | null;
  completedAt?: string;
  failedAt?: string;
}

export interface UploadTarget {
  uploadUrl: string;
  key: string;
  expiresInSeconds: number;
}

export class EnrichmentClient {
  /** `baseUrl` is the API's base URL (`ENRICHMENT_API_BASE_URL`), without `/enrichment`. */
  constructor(private readonly baseUrl: string) {}

  /** POST /enrichment with any body (a string is sent as is). */
  create(body: unknown): Promise<HttpAnswer<Accepted>> {
    return this.send('POST', '/enrichment', typeof body === 'string' ? body : JSON.stringify(body));
  }

  get(requestId: string): Promise<HttpAnswer<RequestView>> {
    return this.send('GET', `/enrichment/${encodeURIComponent(requestId)}`);
  }

  createUpload(): Promise<HttpAnswer<UploadTarget>> {
    return this.send('POST', '/enrichment/uploads', '{}');
  }

  /** PUTs a file body to a presigned upload URL. */
  async upload(target: UploadTarget, body: string | Uint8Array): Promise<void> {
    const response = await fetch(target.uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    if (!response.ok) throw new Error(`upload to ${target.key} failed: ${response.status} ${await response.text()}`);
  }

  private async send<T>(method: string, path: string, body?: string): Promise<HttpAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, { method, ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  }
}

/** Downloads and parses `output.json` through its presigned URL. */
export async function downloadOutput(url: string): Promise<{ enriched_contacts: Record<string, string>[] }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { enriched_contacts: Record<string, string>[] };
}
