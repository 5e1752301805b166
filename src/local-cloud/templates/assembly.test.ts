import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCloudAssembly, selectStacks } from './assembly.ts';
import { stackArtifact, writeFiles } from '../../../test/support/templates/assembly.ts';

const work = mkdtempSync(join(tmpdir(), 'templates-assembly-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const out = join(work, 'cdk.out');
writeFiles(out, {
  'manifest.json': {
    version: '55.0.0',
    artifacts: {
      'Web.assets': { type: 'cdk:asset-manifest', properties: { file: 'Web.assets.json' } },
      Web: stackArtifact('Web.template.json', { dependencies: ['Web.assets', 'Data'] }),
      Data: stackArtifact('Data.template.json', { displayName: 'Data' }),
      'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } },
      Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
    },
  },
  'assembly-Prod/manifest.json': {
    version: '55.0.0',
    artifacts: { ProdApiA1B2C3: stackArtifact('ProdApiA1B2C3.template.json', { stackName: 'Prod-Api', displayName: 'Prod/Api' }) },
  },
  'assembly-Prod/ProdApiA1B2C3.assets.json': { version: '55.0.0', files: {} },
});

describe('readCloudAssembly', () => {
  it('reads stacks and nested stage assemblies, dependencies first', () => {
    const stacks = readCloudAssembly(out);

    expect(stacks.map((stack) => [stack.stackName, stack.displayName, stack.dependsOn])).toEqual([
      ['Data', 'Data', []],
      ['Web', 'Web', ['Data']],
      ['Prod-Api', 'Prod/Api', []],
    ]);
    expect(stacks[1]).toMatchObject({ dir: out, templateFile: join(out, 'Web.template.json'), assetManifestFile: join(out, 'Web.assets.json') });
    expect(stacks[2]).toMatchObject({ dir: join(out, 'assembly-Prod'), assetManifestFile: join(out, 'assembly-Prod/ProdApiA1B2C3.assets.json') });
  });

  it('says what to do when the folder is not an assembly', () => {
    expect(() => readCloudAssembly(work)).toThrow(/manifest\.json: not a cloud assembly \(run cdk synth first\)/);
  });
});

describe('selectStacks', () => {
  const stacks = readCloudAssembly(out);
  const names = (patterns?: string[]) => selectStacks(stacks, patterns).map((stack) => stack.stackName);

  it('selects by stack name, hierarchical id, artifact id or glob, with dependencies', () => {
    expect(names()).toEqual(['Data', 'Web', 'Prod-Api']);
    expect(names(['Prod/Api'])).toEqual(['Prod-Api']);
    expect(names(['ProdApiA1B2C3'])).toEqual(['Prod-Api']);
    expect(names(['Prod/*'])).toEqual(['Prod-Api']);
    expect(names(['Web'])).toEqual(['Data', 'Web']);
  });

  it('lists the stacks when a pattern matches none', () => {
    expect(() => names(['Nope'])).toThrow('no stack matches "Nope"; the assembly has: Data, Web, Prod-Api (Prod/Api)');
  });
});
