// The Lambda Node.js runtime ships the AWS SDK v3: code that leaves `@aws-sdk/*` (and the `@smithy/*`
// packages it is built on) external finds them there. Locally a handler's own folder often has no
// node_modules: its bundle resolves those two scopes from eventloom's own copies (bundle-plugin.ts),
// and so does any `require` of them at run time; every other package resolves exactly as Node resolves it.
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
}
