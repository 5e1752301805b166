import { stableUuid } from './hash.ts';

/** The account every local resource lives in (the spec's choice, also CDK's synth default here). */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

/** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`, the uuid stable for the name. */
export function stackIdFor(stackName: string, region: string): string {
  return `arn:${partitionOf(region)}:cloudformation:${region}:${LOCAL_ACCOUNT_ID}:stack/${stackName}/${stableUuid(`stack/${stackName}`)}`;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * CloudFormation's pseudo parameters for a stack (`AWS::NoValue` is not a value: the resolver
 * handles it by removing the key or element).
 */
export function pseudoParameters(stackName: string, region: string): ReadonlyMap<string, string | string[]> {
  return new Map<string, string | string[]>([
    ['AWS::AccountId', LOCAL_ACCOUNT_ID],
    ['AWS::Region', region],
    ['AWS::Partition', partitionOf(region)],
    ['AWS::StackName', stackName],
    ['AWS::StackId', stackIdFor(stackName, region)],
    ['AWS::URLSuffix', region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
  ]);
}

/** What `Fn::GetAZs` returns: us-east-1 has six zones, other regions are given three. */
export function availabilityZones(region: string): string[] {
  const letters = region === 'us-east-1' ? 'abcdef' : 'abc';
  return [...letters].map((letter) => `${region}${letter}`);
}
