import { describe, expect, it } from 'vitest';
import { parseParameterOverrides, resolveParameters } from './parameters.ts';

const declared = {
  AppName: { Type: 'String', Default: 'shop', AllowedPattern: '[a-z-]+' },
  Memory: { Type: 'Number', Default: 128, MinValue: 128, MaxValue: 10240 },
  Stage: { Type: 'String', AllowedValues: ['dev', 'prod'], Default: 'dev' },
  Zones: { Type: 'CommaDelimitedList', Default: 'a,b' },
  Ports: { Type: 'List<Number>', Default: '80,443' },
  Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-1' },
  Latest: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/version' },
  BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
};

describe('resolveParameters', () => {
  it('takes defaults, typed, and reports them as CloudFormation does', () => {
    const { values, reported, warnings } = resolveParameters(declared, {}, 't.yaml');

    expect(Object.fromEntries(values)).toEqual({
      AppName: 'shop',
      Memory: '128',
      Stage: 'dev',
      Zones: ['a', 'b'],
      Ports: ['80', '443'],
      Vpc: 'vpc-1',
      Latest: '/app/version',
      BootstrapVersion: '/cdk-bootstrap/hnb659fds/version',
    });
    expect(reported.find((p) => p.key === 'Zones')).toEqual({ key: 'Zones', type: 'CommaDelimitedList', value: 'a,b', fromDefault: true });
    expect(warnings.map((w) => w.logicalId)).toEqual(['Latest']);
  });

  it('applies overrides', () => {
    const { values, reported } = resolveParameters(declared, { Stage: 'prod', Zones: 'x' }, 't.yaml');

    expect(values.get('Stage')).toBe('prod');
    expect(values.get('Zones')).toEqual(['x']);
    expect(reported.find((p) => p.key === 'Stage')?.fromDefault).toBe(false);
  });

  it.each([
    [{ Nope: 'x' }, /parameter Nope is not declared by the template \(it declares: AppName, Memory/],
    [{ Stage: 'qa' }, /Stage: "qa" is not one of the AllowedValues \(dev, prod\)/],
    [{ AppName: 'Shop' }, /AppName: "Shop" does not match the AllowedPattern/],
    [{ Memory: 'lots' }, /Memory: "lots" is not a number/],
    [{ Memory: '64' }, /Memory: 64 is below MinValue 128/],
    [{ Ports: '80,http' }, /Ports: "http" is not a number/],
  ])('rejects %j', (overrides, message) => {
    expect(() => resolveParameters(declared, overrides, 't.yaml')).toThrow(message);
  });

  it('asks for a value a parameter without Default needs', () => {
    expect(() => resolveParameters({ Key: { Type: 'String' } }, {}, 't.yaml')).toThrow('t.yaml: Key: no Default and no value given; pass --parameter Key=<value>');
  });
});

describe('parseParameterOverrides', () => {
  it('splits Key=Value at the first =', () => {
    expect(parseParameterOverrides(['A=1', 'B=x=y', 'C='])).toEqual({ A: '1', B: 'x=y', C: '' });
    expect(() => parseParameterOverrides(['novalue'])).toThrow(/Key=Value/);
  });
});
