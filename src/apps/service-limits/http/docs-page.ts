/**
 * A self-contained HTML page listing the API's operations from its OpenAPI document (no CDN,
 * no script): method, path, summary, parameters, body and responses with their schemas.
 */
export function docsPage(document: { info: { title: string; version: string }; paths: Record<string, Record<string, unknown>> }): string {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => renderOperation(method, path, operation as Operation)));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
details{border:1px solid #ddd;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer}.m{display:inline-block;min-width:4.5rem;font-weight:bold;font-family:monospace}
.GET{color:#0a6}.POST{color:#06c}.PUT{color:#a60}.DELETE{color:#c22}code,pre{background:#f6f6f6;font-size:.85rem}
pre{padding:.5rem;overflow:auto}
</style></head><body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>Generated from <a href="openapi.json">openapi.json</a>.</p>
${operations.join('\n')}
</body></html>`;
}

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

function renderOperation(method: string, path: string, operation: Operation): string {
  const upper = method.toUpperCase();
  const parameters = (operation.parameters ?? []).map((p) => `<li><code>${escape(p.name)}</code> (${p.in}${p.required ? ', required' : ''})</li>`).join('');
  const body = operation.requestBody ? `<h4>Body</h4><pre>${escape(JSON.stringify(operation.requestBody.content['application/json']?.schema, null, 2))}</pre>` : '';
  const responses = Object.entries(operation.responses)
    .map(([status, response]) => `<li><b>${status}</b> ${escape(response.description)}</li>`)
    .join('');
  return `<details><summary><span class="m ${upper}">${upper}</span> <code>${escape(path)}</code> — ${escape(operation.summary ?? '')}</summary>
${parameters ? `<h4>Parameters</h4><ul>${parameters}</ul>` : ''}${body}<h4>Responses</h4><ul>${responses}</ul></details>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
