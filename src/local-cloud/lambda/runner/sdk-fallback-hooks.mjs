// ESM resolve hook of sdk-fallback.mjs: `import '@aws-sdk/…'` that the handler's folder cannot satisfy
// resolves from eventloom's own node_modules.
const RUNTIME_SCOPES = ['@aws-sdk/', '@smithy/'];

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!RUNTIME_SCOPES.some((scope) => specifier.startsWith(scope)) || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return nextResolve(specifier, { ...context, parentURL: import.meta.url });
  }
}
