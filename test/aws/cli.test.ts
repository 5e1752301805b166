import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apps } from '../../src/apps/index.ts';
import { cdkArguments } from '../../src/aws/cli.ts';
import { DEFAULT_PROJECT_ROOT, resolveOptions } from '../../src/aws/options.ts';
import { envFromOutputs } from '../../src/aws/outputs.ts';
import { stackName } from '../../src/aws/stack.ts';
import { fixtureApp } from './fixture.ts';
import { synthesize, type TemplateJson } from './helpers.ts';

const CDK_OUT = join(DEFAULT_PROJECT_ROOT, 'cdk.out');

describe('cli arguments', () => {
  it('runs cdk offline with the stage and prefix as context', () => {
    const { args, env } = cdkArguments('synth', ['--stage', 'prod', '--prefix', 'acme']);
    expect(args).toEqual(expect.arrayContaining(['synth', '--no-notices', 'stage=prod', 'prefix=acme', 'enableTestingApi=false']));
    expect(env).toMatchObject({ CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' });
  });

  it('writes the deploy outputs to a file the .env writer reads', () => {
    const { args, outputsFile } = cdkArguments('deploy', ['--stage', 'test', '--', '--require-approval', 'never']);
    expect(args).toEqual(expect.arrayContaining(['deploy', '--outputs-file', outputsFile, '--require-approval', 'never']));
  });

  it('turns stack outputs into the .env base URLs, without the APIs a stage leaves out', () => {
    const options = resolveOptions({ stage: 'prod' });
    const outputs = { [stackName(fixtureApp, options)]: { FixtureApiBaseUrl: 'https://abc.execute-api.us-east-1.amazonaws.com' } };
    expect(envFromOutputs(outputs, [fixtureApp], options)).toEqual({ FIXTURE_API_BASE_URL: 'https://abc.execute-api.us-east-1.amazonaws.com' });
    expect(() => envFromOutputs({}, [fixtureApp], options)).toThrow(/FixtureApiBaseUrl/);
  });
});

describe('npm run synth -- --stage dev (offline, real bundling)', () => {
  let exitCode: number | null;
  let output = '';
  beforeAll(async () => {
    rmSync(CDK_OUT, { recursive: true, force: true });
    const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false', HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9' };
    for (const key of Object.keys(env)) if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)$|^CDK_DEFAULT_/.test(key)) delete env[key];
    exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('npm', ['run', 'synth', '--', '--stage', 'dev'], { cwd: DEFAULT_PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', resolve);
    });
  }, 180_000);
  afterAll(() => rmSync(CDK_OUT, { recursive: true, force: true }));

  it('exits 0', () => {
    expect(exitCode, output.slice(-3000)).toBe(0);
    expect(output).not.toMatch(/Unknown option|docker/i);
  });

  it('writes a template per registered app with every resource of the in-process synth', () => {
    const [expected] = synthesize(apps, { stage: 'dev' });
    for (const app of apps) {
      const template = JSON.parse(readFileSync(join(CDK_OUT, `${stackName(app, resolveOptions())}.template.json`), 'utf8')) as TemplateJson;
      const count = (resources: TemplateJson['Resources']) =>
        Object.values(resources).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.Type]: (acc[r.Type] ?? 0) + 1 }), {});
      expect(count(template.Resources)).toEqual(count(expected!.json.Resources));
      expect(Object.keys(template.Outputs ?? {}).sort()).toEqual(Object.keys(expected!.json.Outputs ?? {}).sort());
      const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
      for (const fn of functions) {
        const key = String((fn.Properties!.Code as { S3Key: string }).S3Key).replace(/\.zip$/, '');
        expect(existsSync(join(CDK_OUT, `asset.${key}`, 'index.mjs'))).toBe(true);
      }
    }
    expect(readdirSync(CDK_OUT).filter((f) => f.startsWith('asset.')).length).toBeGreaterThan(0);
  });

  it('passes the CDK built-in CloudFormation validation without violations', () => {
    const reportFile = join(CDK_OUT, 'validation-report.json');
    if (!existsSync(reportFile)) return;
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as unknown;
    expect(JSON.stringify(report)).not.toMatch(/"severity":\s*"(error|fatal|warning)"/);
  });
});
