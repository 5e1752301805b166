/** Sending awsQuery requests as older SDKs do and reading their XML answers, for protocol tests. */

export interface QueryAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly xml: string;
}

/** POSTs a form body exactly as given (the bytes an older SDK sends), signed for `service` when named. */
export async function postQuery(url: string, body: string, options: { service?: string } = {}): Promise<QueryAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  // Only the credential scope matters to routing; the local cloud does not check signatures.
  if (options.service) headers.authorization = `AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/${options.service}/aws4_request, SignedHeaders=host, Signature=0`;
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, contentType: response.headers.get('content-type'), xml: await response.text() };
}

export async function getQuery(url: string): Promise<QueryAnswer> {
  const response = await fetch(url);
  return { status: response.status, contentType: response.headers.get('content-type'), xml: await response.text() };
}

/** The inner XML of every `<tag>…</tag>` (or `[]`); `<tag/>` counts as empty. Not for a tag nested in itself. */
export function elements(xml: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g');
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The unescaped text of every `<tag>`. */
export function texts(xml: string, tag: string): string[] {
  return elements(xml, tag).map(unescapeXml);
}

export function text(xml: string, tag: string): string | undefined {
  return texts(xml, tag)[0];
}

/** `Code`, `Message`, `Type` and `RequestId` of an `<ErrorResponse>`. */
export function queryError(answer: QueryAnswer): { status: number; type?: string; code?: string; message?: string; requestId?: string } {
  const { xml } = answer;
  return { status: answer.status, type: text(xml, 'Type'), code: text(xml, 'Code'), message: text(xml, 'Message'), requestId: text(xml, 'RequestId') };
}

function unescapeXml(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#x([0-9a-fA-F]+)|#(\d+));/g, (entity, name: string, hex?: string, dec?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[name] ?? entity;
  });
}
