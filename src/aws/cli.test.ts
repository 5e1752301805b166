import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cdkArguments, isMainModule, synthInvocation } from './cli.ts';
import { DEFAULT_PROJECT_ROOT } from './options.ts';

describe('cli arguments', () => {
  it('synthesizes by running the app directly, with the stage and prefix as context and its own outdir', () => {
    const { file, args, env, outdir } = synthInvocation(['--stage', 'prod', '--prefix', 'acme', '--output', '/tmp/x-out']);
    expect(file).toBe(process.execPath);
    expect(args).toEqual(['--import', 'tsx', join(DEFAULT_PROJECT_ROOT, 'src', 'aws', 'app.ts')]);
    expect(outdir).toBe('/tmp/x-out');
    expect(env.CDK_OUTDIR).toBe('/tmp/x-out');
    expect(JSON.parse(env.CDK_CONTEXT_JSON!)).toMatchObject({ stage: 'prod', prefix: 'acme', enableTestingApi: 'false' });
    expect(synthInvocation([]).outdir).toBe(join(DEFAULT_PROJECT_ROOT, 'cdk.out'));
    expect(() => synthInvocation(['--stage', 'dev', '--', '--quiet'])).toThrow(/npx cdk synth/);
  });

  it('runs cdk without notices, version check or telemetry for the other commands', () => {
    const { args, env } = cdkArguments('diff', ['--stage', 'prod', '--prefix', 'acme']);
    expect(args).toEqual(expect.arrayContaining(['diff', '--no-notices', 'stage=prod', 'prefix=acme', 'enableTestingApi=false']));
    expect(env).toMatchObject({ CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' });
  });

  it('deploys and destroys every stack, and refuses --output outside synth', () => {
    expect(cdkArguments('destroy', ['--stage', 'test']).args.slice(0, 2)).toEqual(['destroy', '--all']);
    expect(() => cdkArguments('diff', ['--output', 'out'])).toThrow(/--output is for synth only/);
  });

  it('writes the deploy outputs to a file the .env writer reads', () => {
    const { args, outputsFile } = cdkArguments('deploy', ['--stage', 'test', '--', '--require-approval', 'never']);
    expect(outputsFile).toBe(join(DEFAULT_PROJECT_ROOT, '.eventloom', 'aws', 'eventloom-test-outputs.json'));
    expect(args).toEqual(expect.arrayContaining(['deploy', '--outputs-file', outputsFile, '--require-approval', 'never']));
  });

  it('recognizes its own script as the entry point, whatever characters its path holds', () => {
    const path = '/tmp/my projects/100% eventloom/src/aws/cli.ts';
    expect(isMainModule(pathToFileURL(path).href, path)).toBe(true);
    expect(isMainModule(pathToFileURL(path).href, '/tmp/other.ts')).toBe(false);
    expect(isMainModule(pathToFileURL(path).href, undefined)).toBe(false);
  });
});
