import type { StackRecord, StackResourceRecord } from '../deploy/stack-record.ts';
import { el, field, type XmlContent, type XmlElement } from '../protocol/xml.ts';

/**
 * The XML shapes of CloudFormation's query API (2010-05-15) for the stacks the cloud runs. Lists are
 * wrapped (`<Stacks><member>…`); every stack and resource is `CREATE_COMPLETE`, as deployed stacks
 * are here, and never checked for drift.
 */
export const STACK_STATUS = 'CREATE_COMPLETE';

/** `member` of DescribeStacks' `Stacks`. */
export function stackXml(stack: StackRecord): XmlElement {
  return el(
    'member',
    el('StackId', stack.stackId),
    el('StackName', stack.name),
    field('Description', stack.description),
    members('Parameters', stack.parameters.map((p) => [el('ParameterKey', p.key), el('ParameterValue', p.value)])),
    el('CreationTime', stack.createdAt),
    el('StackStatus', STACK_STATUS),
    el('DisableRollback', false),
    el('NotificationARNs'),
    members('Outputs', stack.outputs.map((o) => [el('OutputKey', o.key), el('OutputValue', o.value), field('Description', o.description), field('ExportName', o.exportName)])),
    el('Tags'),
    el('EnableTerminationProtection', false),
    el('DriftInformation', el('StackDriftStatus', 'NOT_CHECKED')),
  );
}

/** `member` of ListStacks' `StackSummaries`. */
export function stackSummaryXml(stack: StackRecord): XmlElement {
  return el(
    'member',
    el('StackId', stack.stackId),
    el('StackName', stack.name),
    field('TemplateDescription', stack.description),
    el('CreationTime', stack.createdAt),
    el('StackStatus', STACK_STATUS),
    el('DriftInformation', el('StackDriftStatus', 'NOT_CHECKED')),
  );
}

/** StackResource (DescribeStackResources), StackResourceDetail (DescribeStackResource) or StackResourceSummary (ListStackResources). */
export function resourceXml(name: string, stack: StackRecord, resource: StackResourceRecord, shape: 'resource' | 'detail' | 'summary'): XmlElement {
  const ofStack = shape === 'summary' ? [] : [el('StackName', stack.name), el('StackId', stack.stackId)];
  return el(
    name,
    ...ofStack,
    el('LogicalResourceId', resource.logicalId),
    el('PhysicalResourceId', resource.physicalId),
    el('ResourceType', resource.type),
    el(shape === 'resource' ? 'Timestamp' : 'LastUpdatedTimestamp', stack.createdAt),
    el('ResourceStatus', STACK_STATUS),
    el('DriftInformation', el('StackResourceDriftStatus', 'NOT_CHECKED')),
  );
}

/** A wrapped list; left out when empty, as AWS does for a stack without parameters or outputs. */
function members(name: string, items: XmlContent[][]): XmlElement | undefined {
  return items.length === 0 ? undefined : el(name, items.map((children) => el('member', ...children)));
}
