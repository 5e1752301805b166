/** An answer as the checks read it. */
export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

/** One real HTTP request to the local cloud's gateway. */
export async function call(url: string, method: string, body?: string): Promise<Answer> {
  const response = await fetch(url, { method, ...(body !== undefined && { body, headers: { 'content-type': 'application/json' } }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** `call` for JSON bodies, failing unless the status is `expected`. */
export async function callOk<T>(url: string, method: string, expected: number, body?: unknown): Promise<T> {
  const answer = await call(url, method, body === undefined ? undefined : JSON.stringify(body));
  if (answer.status !== expected) throw new Error(`${method} ${url}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.json as T;
}
