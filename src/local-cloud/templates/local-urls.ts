/** The ids the local cloud serves, and where. */
export interface LocalEndpoints {
  /** e.g. `http://127.0.0.1:4566`, no trailing slash. */
  readonly baseUrl: string;
  /** Ids of the HTTP APIs deployed locally. */
  readonly apiIds: ReadonlySet<string>;
  /** Ids of the function URLs deployed locally. */
  readonly urlIds: ReadonlySet<string>;
}

const API_URL = /https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?(\/[^\s"'<>]*)?/g;
const FUNCTION_URL = /https:\/\/([a-z0-9]+)\.lambda-url\.[a-z0-9-]+\.on\.aws(\/[^\s"'<>]*)?/g;

/**
 * Rewrites AWS URLs of locally served APIs and function URLs to their local form, wherever they
 * appear in `text` (an output, an environment variable, JSON): templates often build
 * `https://<apiId>.execute-api.<region>.<URLSuffix>/<stage>/…` from parts, as CDK's `HttpApi.url`
 * does. `…execute-api…/x` becomes `<baseUrl>/apis/<apiId>/x`, `…lambda-url…/x` becomes
 * `<baseUrl>/lambda-url/<id>/x`; ids that are not local are left alone.
 */
export function localizeUrls(text: string, endpoints: LocalEndpoints): string {
  return text
    .replace(API_URL, (url, id: string, rest: string | undefined) => (endpoints.apiIds.has(id) ? `${endpoints.baseUrl}/apis/${id}${rest ?? ''}` : url))
    .replace(FUNCTION_URL, (url, id: string, rest: string | undefined) => (endpoints.urlIds.has(id) ? `${endpoints.baseUrl}/lambda-url/${id}${rest ?? '/'}` : url));
}
