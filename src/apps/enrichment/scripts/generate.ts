/** `npm run enrichment:generate -- <N>`: writes `contacts_<N>k.json` (N × 1,000 contacts + John Doe, seeded). */
import { parseArgs } from 'node:util';
import { runScript, ScriptError, userPath } from './cli.ts';
import { contactsFileName, writeContactsFile } from './contacts-file.ts';

runScript('enrichment:generate', async (argv) => {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
  const thousands = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(thousands) || thousands < 0) throw new ScriptError('usage: npm run enrichment:generate -- <N>   (writes contacts_<N>k.json with N × 1,000 + 1 contacts)');
  const path = userPath(contactsFileName(thousands));
  const count = writeContactsFile(path, thousands);
  process.stdout.write(`wrote ${path}: ${count.toLocaleString('en-US')} contacts\n`);
  return 0;
});
