import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadOutput } from '../../../src/apps/enrichment/scripts/client.ts';
import { contacts, FIELDS, mappingStats, startEnrichment, type EnrichmentCloud } from './harness.ts';

const APP = 'e2eenrichapi';
const BUCKET = `${APP}-storage`;

describe('enrichment e2e: the API (validation, uploads, deduplication, status)', () => {
  let enrichment: EnrichmentCloud;

  beforeAll(async () => {
    enrichment = await startEnrichment(APP);
  });
  afterAll(() => enrichment?.stop());

  describe('refuses bad input with 400 naming the field', () => {
    const john = { first_name: 'John', last_name: 'Doe', company_domain: 'doe.com' };

    it.each([
      ['a body that is not JSON', '{"contacts": [', [{ field: 'body', message: 'is not valid JSON' }]],
      ['an empty contact list', { contacts: [], fields_to_enrich: FIELDS }, [{ field: 'contacts', message: 'must hold at least one contact' }]],
      ['a blank last name', { contacts: [john, { ...john, last_name: '' }], fields_to_enrich: FIELDS }, [{ field: 'contacts.1.last_name', message: 'must be a non-empty string' }]],
      ['no fields to enrich', { contacts: [john], fields_to_enrich: [] }, [{ field: 'fields_to_enrich', message: 'must name at least one field' }]],
      ['a key outside uploads/', { contacts: 'secrets/keys.json', fields_to_enrich: FIELDS }, [{ field: 'contacts', message: expect.stringContaining('under uploads/') }]],
      ['an upload that does not exist', { contacts: 'uploads/missing.json', fields_to_enrich: FIELDS }, [{ field: 'contacts', message: 'no uploaded object at uploads/missing.json' }]],
    ])('%s', async (_, body, issues) => {
      expect(await enrichment.api.create(body)).toEqual({ status: 400, body: { message: 'Validation failed', issues } });
    });

    it.each([
      ['a foreign URL', 'https://example.com/contacts.json'],
      ['the instance metadata service', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
      ['another bucket of the local endpoint', () => `${enrichment.cloud.url}/other-bucket/uploads/a.json`],
      ['another bucket by s3://', 's3://other-bucket/uploads/a.json'],
    ])('refuses %s without fetching it', async (_, url) => {
      const contactsUrl = typeof url === 'function' ? url() : url;
      expect(await enrichment.api.create({ contacts: contactsUrl, fields_to_enrich: FIELDS })).toEqual({
        status: 400,
        body: { message: 'Validation failed', issues: [{ field: 'contacts', message: expect.stringContaining(`this service's bucket ${BUCKET}`) }] },
      });
    });

    it('validates an uploaded file like inline contacts', async () => {
      // Prepare
      const target = (await enrichment.api.createUpload()).body;
      await enrichment.api.upload(target, JSON.stringify({ contacts: [john, { first_name: 'No', last_name: 'Domain' }] }));

      // Act
      const answer = await enrichment.api.create({ contacts: target.key, fields_to_enrich: FIELDS });

      // Assess
      expect(answer).toEqual({ status: 400, body: { message: 'Validation failed', issues: [{ field: 'contacts.1.company_domain', message: 'must be a string' }] } });
    });
  });

  it('answers 404 for an unknown id', async () => {
    expect((await enrichment.api.get('4d1a3cbe-52f7-4c9b-a7c5-2f0c1e8a9b10')).status).toBe(404);
    expect(await enrichment.api.get('not-a-request')).toEqual({ status: 404, body: { message: 'Request not found' } });
  });

  it('the watch script names an unknown id in one line and exits 1', async () => {
    // Act
    const id = '4d1a3cbe-52f7-4c9b-a7c5-2f0c1e8a9b10';
    const { code, stderr } = await runWatch([id, '--url', enrichment.cloud.apiUrl(APP, 'api')]);

    // Assess
    expect({ code, stderr }).toEqual({ code: 1, stderr: `enrichment:watch: no request ${id}\n` });
  });

  it('enriches a file uploaded through a presigned PUT URL, referenced by key', async () => {
    // Prepare
    const upload = await enrichment.api.createUpload();
    expect(upload).toMatchObject({ status: 200, body: { key: expect.stringMatching(/^uploads\/[0-9a-f-]{36}\.json$/), uploadUrl: expect.stringContaining('X-Amz-Signature') } });
    const sent = contacts(150, 'upload');
    await enrichment.api.upload(upload.body, JSON.stringify({ contacts: sent }));

    // Act
    const accepted = await enrichment.api.create({ contacts: upload.body.key, fields_to_enrich: FIELDS });

    // Assess
    expect(accepted.status).toBe(202);
    expect(await enrichment.settled(accepted.body.requestId)).toMatchObject({ status: 'completed', totalBatches: 2, contactCount: 150 });
    const output = await downloadOutput(accepted.body.downloadUrl);
    expect(output.enriched_contacts.map(({ first_name, last_name, company_domain }) => ({ first_name, last_name, company_domain }))).toEqual(sent);
  });

  it('deduplicates a repeat, whatever its key order or form (inline, upload by s3:// or by URL): same id, nothing queued', async () => {
    // Prepare
    const sent = contacts(120, 'dedup');
    const first = await enrichment.api.create({ contacts: sent, fields_to_enrich: FIELDS });
    await enrichment.settled(first.body.requestId);
    const upload = (await enrichment.api.createUpload()).body;
    await enrichment.api.upload(upload, JSON.stringify({ contacts: sent.map(({ company_domain, last_name, first_name }) => ({ company_domain, last_name, first_name })) }));
    // A split message the repeats queued would be in the queue or already through the splitter.
    const splits = () => ({ ...enrichment.cloud.services.sqs.stats(`${APP}-split-queue`), handled: mappingStats(enrichment.cloud, 'splitRequestWorker').records });
    const before = splits();

    // Act
    const repeats = [
      await enrichment.api.create({ fields_to_enrich: FIELDS, contacts: sent.map((c) => ({ company_domain: c.company_domain, first_name: c.first_name, last_name: c.last_name, id: 'ignored' })) }),
      await enrichment.api.create({ contacts: `s3://${BUCKET}/${upload.key}`, fields_to_enrich: FIELDS }),
      await enrichment.api.create({ contacts: `${enrichment.cloud.url}/${BUCKET}/${upload.key}`, fields_to_enrich: FIELDS }),
    ];

    // Assess
    expect(first.body.deduplicated).toBeUndefined();
    for (const repeat of repeats) {
      expect(repeat).toMatchObject({ status: 202, body: { message: 'Request accepted', requestId: first.body.requestId, downloadUrl: expect.stringContaining(`${first.body.requestId}/output.json`), deduplicated: true } });
    }
    expect(splits()).toEqual(before);
  });

  it('two identical requests at once yield one request', async () => {
    // Act
    const body = { contacts: contacts(3, 'race'), fields_to_enrich: FIELDS };
    const answers = await Promise.all([enrichment.api.create(body), enrichment.api.create(body)]);

    // Assess
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(answers[0]!.body.requestId).toBe(answers[1]!.body.requestId);
    expect(answers.filter((a) => a.body.deduplicated === true)).toHaveLength(1);
    expect(await enrichment.settled(answers[0]!.body.requestId)).toMatchObject({ status: 'completed', processedBatches: 1 });
  });
});

/** Runs `npm run enrichment:watch` (the script itself) and collects its exit code and stderr. */
function runWatch(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/apps/enrichment/scripts/watch.ts', ...args], { timeout: 60_000 }, (_error, _stdout, stderr) =>
      resolve({ code: child.exitCode, stderr }),
    );
  });
}
