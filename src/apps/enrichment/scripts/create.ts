/**
 * `npm run enrichment:create -- <file> [--upload] [--watch [--timeout <s>]] [--url <base>]`: creates a request from a
 * contacts file (`{"contacts": [...]}` or a list), inline or, above 5 MB or with --upload, through a
 * presigned upload. A missing `contacts_<N>k.json` is generated first.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { apiBaseUrl, runScript, ScriptError, timeoutMs, userPath } from './cli.ts';
import { EnrichmentClient } from './client.ts';
import { thousandsOf, writeContactsFile } from './contacts-file.ts';
import { reportOutcome, watchRequest } from './watch-request.ts';

const USAGE = 'usage: npm run enrichment:create -- <file> [--upload] [--watch [--timeout <s>]] [--url <base>]';
/** Above this, inline bodies near the 6 MB Lambda payload limit: upload instead. */
const INLINE_LIMIT_BYTES = 5 * 1024 * 1024;
const FIELDS = ['professional_email', 'personal_phone'];

runScript('enrichment:create', async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { upload: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false }, timeout: { type: 'string' }, url: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new ScriptError(USAGE);
  const timeout = timeoutMs(values.timeout);
  const api = new EnrichmentClient(apiBaseUrl(values.url));
  const file = userPath(positionals[0]!);
  ensureFile(file);

  const size = statSync(file).size;
  const upload = values.upload || size > INLINE_LIMIT_BYTES;
  if (upload && !values.upload) process.stderr.write(`${file} is ${(size / 1024 / 1024).toFixed(1)} MB (over 5 MB): uploading it through a presigned URL instead of sending it inline\n`);
  const contacts = upload ? await uploadFile(api, file) : inlineContacts(file);
  const answer = await api.create({ contacts, fields_to_enrich: FIELDS });
  process.stdout.write(`${JSON.stringify(answer.body, null, 2)}\n`);
  if (answer.status !== 202) return 1;
  return values.watch ? reportOutcome(await watchRequest(api, answer.body.requestId, { ...(timeout !== undefined && { timeoutMs: timeout }) })) : 0;
});

function ensureFile(file: string): void {
  if (existsSync(file)) return;
  const thousands = thousandsOf(file);
  if (thousands === undefined) throw new ScriptError(`${file} does not exist (a contacts_<N>k.json name is generated on demand).`);
  process.stderr.write(`${file} does not exist: generating it (${thousands} × 1,000 + 1 contacts)\n`);
  writeContactsFile(file, thousands);
}

function inlineContacts(file: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScriptError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return Array.isArray(parsed) ? parsed : (parsed as { contacts?: unknown }).contacts;
}

async function uploadFile(api: EnrichmentClient, file: string): Promise<string> {
  const target = await api.createUpload();
  if (target.status !== 200) throw new ScriptError(`POST /enrichment/uploads answered ${target.status}: ${JSON.stringify(target.body)}`);
  await api.upload(target.body, readFileSync(file));
  process.stderr.write(`uploaded ${file} to ${target.body.key}\n`);
  return target.body.key;
}
