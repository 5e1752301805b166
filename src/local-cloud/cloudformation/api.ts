import type { StackRecord, StackRegistry } from '../deploy/stack-record.ts';
import type { AwsQueryService } from '../protocol/aws-query.ts';
import { findOperation } from '../protocol/operations.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import { el, field, type XmlContent } from '../protocol/xml.ts';
import { CloudFormationError, invalidNextToken, missingParameter, resourceNotFound, stackNotFound } from './errors.ts';
import { resourceXml, STACK_STATUS, stackSummaryXml, stackXml } from './shapes.ts';

type Action = (params: QueryParams) => XmlContent[];

/** AWS's page size of ListStackResources (and of DescribeStacks, which pages at 100 stacks too). */
const PAGE_SIZE = 100;

/**
 * The read side of CloudFormation's query API (Version 2010-05-15) over the stacks the cloud runs:
 * what `aws cloudformation describe-stacks` and test harnesses reading stack outputs call.
 *
 * @example
 * const api = createCloudFormationApi(stacks);
 * app.post('*', (c) => handleAwsQuery([api], c.req.raw));
 */
export function createCloudFormationApi(registry: StackRegistry): AwsQueryService {
  const actions: Record<string, Action> = {
    DescribeStacks: (params) => {
      const name = params.get('StackName');
      const stacks = name ? [findStack(registry, name)] : registry.list();
      const page = paginate(stacks, params.get('NextToken'));
      return [el('Stacks', page.items.map(stackXml)), field('NextToken', page.nextToken)];
    },
    ListStacks: (params) => {
      const filter = params.strings(['StackStatusFilter']) ?? [];
      const stacks = filter.length === 0 || filter.includes(STACK_STATUS) ? registry.list() : [];
      const page = paginate(stacks, params.get('NextToken'));
      return [el('StackSummaries', page.items.map(stackSummaryXml)), field('NextToken', page.nextToken)];
    },
    DescribeStackResources: (params) => {
      const stackName = params.get('StackName');
      const physicalId = params.get('PhysicalResourceId');
      const logicalId = params.get('LogicalResourceId');
      if (!stackName && !physicalId) throw new CloudFormationError('Either StackName or PhysicalResourceId must be specified.');
      const stack = stackName ? findStack(registry, stackName) : stackOfResource(registry, physicalId!);
      const resources = stack.resources.filter(
        (r) => (logicalId === undefined || r.logicalId === logicalId) && (physicalId === undefined || r.physicalId === physicalId),
      );
      return [el('StackResources', resources.map((r) => resourceXml('member', stack, r, 'resource')))];
    },
    DescribeStackResource: (params) => {
      const stack = findStack(registry, required(params, 'StackName'));
      const logicalId = required(params, 'LogicalResourceId');
      const resource = stack.resources.find((r) => r.logicalId === logicalId);
      if (!resource) throw resourceNotFound(logicalId, stack.name);
      return [resourceXml('StackResourceDetail', stack, resource, 'detail')];
    },
    ListStackResources: (params) => {
      const stack = findStack(registry, required(params, 'StackName'));
      const page = paginate(stack.resources, params.get('NextToken'));
      return [el('StackResourceSummaries', page.items.map((r) => resourceXml('member', stack, r, 'summary'))), field('NextToken', page.nextToken)];
    },
  };
  return {
    signingName: 'cloudformation',
    xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
    actions: new Set(Object.keys(actions)),
    async handle(action, params) {
      return findOperation(actions, 'CloudFormation', action)(params);
    },
  };
}

/** By name or by stack id (ARN), as CloudFormation accepts either. */
function findStack(registry: StackRegistry, nameOrId: string): StackRecord {
  const stack = registry.get(nameOrId) ?? registry.list().find((s) => s.stackId === nameOrId);
  if (!stack) throw stackNotFound(nameOrId);
  return stack;
}

function stackOfResource(registry: StackRegistry, physicalId: string): StackRecord {
  const stack = registry.list().find((s) => s.resources.some((r) => r.physicalId === physicalId));
  if (!stack) throw new CloudFormationError(`Stack for ${physicalId} does not exist`);
  return stack;
}

function required(params: QueryParams, name: string): string {
  const value = params.get(name);
  if (!value) throw missingParameter(name);
  return value;
}

/** NextToken is the offset of the page, opaque to clients. */
function paginate<T>(items: readonly T[], nextToken: string | undefined): { items: readonly T[]; nextToken?: string } {
  let start = 0;
  if (nextToken) {
    start = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > items.length) throw invalidNextToken();
  }
  const end = start + PAGE_SIZE;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: Buffer.from(String(end)).toString('base64url') } : { items: page };
}
