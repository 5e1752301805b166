/**
 * Rewrites AWS endpoint URLs of the stack's own APIs and function URLs to their local form, so an
 * output or environment value built from parts (CDK writes `https://<apiId>.execute-api.<region>.<URLSuffix>/`)
 * is usable as printed: `https://<id>.execute-api.<region>.amazonaws.com[/<stage>]/…` →
 * `<url>/apis/<id>/…` and `https://<id>.lambda-url.<region>.on.aws/…` → `<url>/lambda-url/<id>/…`.
 */
export function localUrlRewriter(url: string, apis: { readonly ids: ReadonlySet<string>; readonly stages: ReadonlySet<string> }, functionUrlIds: ReadonlySet<string>): (value: string) => string {
  return (value) =>
    value
      .replace(/https:\/\/([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\/[^/\s"']*)?/g, (match, id: string, segment: string | undefined) => {
        if (!apis.ids.has(id)) return match;
        const stage = segment?.slice(1);
        const keep = segment !== undefined && !(stage && apis.stages.has(stage)) ? segment : '';
        return `${url}/apis/${id}${keep}`;
      })
      .replace(/https:\/\/([a-z0-9]+)\.lambda-url\.[a-z0-9-]+\.on\.aws/g, (match, id: string) => (functionUrlIds.has(id) ? `${url}/lambda-url/${id}` : match));
}
