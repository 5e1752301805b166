// The Lambda Node.js runtime ships the AWS SDK v3: a handler bundle that leaves `@aws-sdk/*` (and the
// `@smithy/*` packages it is built on) external finds them there. Locally a handler's own folder
// often has no node_modules, so those two scopes fall back to eventloom's own copies, for `require`
// and `import` alike; every other package resolves exactly as Node resolves it.
import Module from 'node:module';
import { fileURLToPath } from 'node:url';

const RUNTIME_SCOPES = ['@aws-sdk/', '@smithy/'];
const provided = (specifier) => RUNTIME_SCOPES.some((scope) => specifier.startsWith(scope));
const fallbackParent = import.meta.url;

export function installRuntimeSdkFallback() {
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    try {
      return resolveFilename.call(this, request, parent, ...rest);
    } catch (error) {
      if (!provided(request) || error?.code !== 'MODULE_NOT_FOUND') throw error;
      const filename = fileURLToPath(fallbackParent);
      return resolveFilename.call(this, request, { id: filename, filename, paths: Module._nodeModulePaths(fileURLToPath(new globalThis.URL('.', fallbackParent))) }, ...rest);
    }
  };
  Module.register('./sdk-fallback-hooks.mjs', import.meta.url);
}
