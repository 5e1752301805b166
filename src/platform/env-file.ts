import { existsSync, writeFileSync } from 'node:fs';

/** Writes `.env` (KEY=value lines) so SDKs, scripts and REST clients find the local cloud. */
export function writeEnvFile(path: string, env: Readonly<Record<string, string>>, header: string): void {
  const lines = [`# ${header}`, ...Object.entries(env).map(([key, value]) => `${key}=${value}`), ''];
  writeFileSync(path, lines.join('\n'));
}

/** Loads `.env` into process.env (existing variables win), if the file exists. */
export function loadEnvFile(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
