import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../src/apps/index.ts';
import { DEFAULT_PROJECT_ROOT, resolveOptions } from '../../src/aws/options.ts';
import { stackName } from '../../src/aws/stack.ts';
import { synthesize, type TemplateJson } from './helpers.ts';

/**
 * The machine looks like a developer's with AWS access: a HOME holding credentials and a profile,
 * credential variables, a profile selected, and every AWS endpoint (STS, EC2 metadata, proxies)
 * pointing at a local recorder. Synth must succeed without a single request reaching it.
 */
describe('npm run synth -- --stage dev (offline with credentials present, real bundling)', () => {
  // A deadline so the suite cannot hang, not a timing assertion: the recorder proves no AWS lookup.
  const SYNTH_TIMEOUT_MS = 360_000;
  let work: string;
  let outdir: string;
  let recorder: Server;
  const requests: string[] = [];
  let exitCode: number | null;
  let output = '';
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'eventloom-synth-'));
    outdir = join(work, 'cdk.out');
    const home = join(work, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    recorder = createServer((req, res) => {
      requests.push(`${req.method} ${req.headers.host ?? ''}${req.url}`);
      res.writeHead(403).end();
    });
    recorder.on('connect', (req, socket) => {
      requests.push(`CONNECT ${req.url}`);
      socket.end();
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAFAKEDEFAULT\naws_secret_access_key = fake\n[dev]\naws_access_key_id = AKIAFAKEDEV\naws_secret_access_key = fake\n');
    writeFileSync(join(home, '.aws', 'config'), `[default]\nregion = eu-west-1\n[profile dev]\nregion = eu-west-1\nendpoint_url = ${endpoint}\n`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      AWS_PROFILE: 'dev',
      AWS_ACCESS_KEY_ID: 'AKIAFAKEENV',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: endpoint,
      AWS_ENDPOINT_URL_STS: endpoint,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoint,
      HTTP_PROXY: endpoint,
      HTTPS_PROXY: endpoint,
      // The shell's gateway settings must not reach a deployed function.
      PAYMENT_GATEWAY_MODE: 'accept',
      npm_config_update_notifier: 'false',
    };
    for (const key of Object.keys(env)) if (/^CDK_DEFAULT_|^AWS_CONFIG_FILE$|^AWS_SHARED_CREDENTIALS_FILE$|^AWS_EC2_METADATA_DISABLED$/.test(key)) delete env[key];
    exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('npm', ['run', 'synth', '--', '--stage', 'dev', '--output', outdir], { cwd: DEFAULT_PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', resolve);
    });
  }, SYNTH_TIMEOUT_MS);
  afterAll(async () => {
    await new Promise((resolve) => recorder?.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  it('exits 0, without any request to AWS, and leaves the project cdk.out alone', () => {
    expect(exitCode, output.slice(-3000)).toBe(0);
    expect(output).not.toMatch(/Unknown option|docker/i);
    expect(requests).toEqual([]);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(true);
  });

  it('writes a template per registered app with every resource of the in-process synth', () => {
    const synthesized = synthesize(apps, { stage: 'dev' });
    apps.forEach((app, i) => {
      const expected = synthesized[i];
      const template = JSON.parse(readFileSync(join(outdir, `${stackName(app, resolveOptions())}.template.json`), 'utf8')) as TemplateJson;
      const count = (resources: TemplateJson['Resources']) =>
        Object.values(resources).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.Type]: (acc[r.Type] ?? 0) + 1 }), {});
      expect(count(template.Resources)).toEqual(count(expected!.json.Resources));
      expect(Object.keys(template.Outputs ?? {}).sort()).toEqual(Object.keys(expected!.json.Outputs ?? {}).sort());
      const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
      expect(functions).toHaveLength(expected!.ctx.functions.size);
      for (const fn of functions) {
        const key = String((fn.Properties!.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
        expect(existsSync(join(outdir, `asset.${key}`, 'index.mjs'))).toBe(true);
        const variables = Object.keys((fn.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
        expect(variables.filter((name) => name.startsWith('PAYMENT_GATEWAY_'))).toEqual([]);
      }
    });
    expect(readdirSync(outdir).filter((f) => f.startsWith('asset.')).length).toBeGreaterThan(0);
  });

  it('passes the CDK built-in CloudFormation validation without violations', () => {
    const reportFile = join(outdir, 'validation-report.json');
    expect(existsSync(reportFile), `${reportFile} was not written`).toBe(true);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as unknown;
    expect(JSON.stringify(report)).not.toMatch(/"severity":\s*"(error|fatal|warning)"/);
  });
});
