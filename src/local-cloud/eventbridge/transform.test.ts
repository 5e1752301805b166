import { describe, expect, it } from 'vitest';
import type { InputTransformer } from '../../platform/topology/types.ts';
import type { EventEnvelope, TargetConfig } from './models.ts';
import { renderTargetInput, type TransformContext } from './transform.ts';

// The EC2 event, paths and rule of AWS's "Input transform examples" (EventBridge User Guide).
const event: EventEnvelope = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const inputPathsMap = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const context: TransformContext = {
  ruleName: 'example',
  ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
  ingestionTime: '2015-11-11T21:29:55Z',
};
const target = (config: Partial<TargetConfig> = {}): TargetConfig => ({ id: 't1', arn: 'arn:aws:sqs:us-east-1:123456789012:q', ...config });
const transformed = (inputTemplate: string, paths: InputTransformer['inputPathsMap'] = inputPathsMap) =>
  renderTargetInput(target({ inputTransformer: { inputPathsMap: paths, inputTemplate } }), event, context);

describe('renderTargetInput', () => {
  it('delivers the whole event as JSON by default', () => {
    const body = renderTargetInput(target(), event, context);

    expect(JSON.parse(body)).toEqual(event);
  });

  it('delivers a constant input verbatim', () => {
    const body = renderTargetInput(target({ input: '{"fixed": [1, 2]}' }), event, context);

    expect(body).toBe('{"fixed": [1, 2]}');
  });

  it.each([
    ['$.detail', { 'instance-id': 'i-0123456789', state: 'RUNNING' }],
    ['$.detail.state', 'RUNNING'],
    ['$', event],
  ])('delivers the JSON at inputPath %s', (inputPath, expected) => {
    const body = renderTargetInput(target({ inputPath }), event, context);

    expect(JSON.parse(body)).toEqual(expected);
  });
});

describe('renderTargetInput with an InputTransformer (AWS documented examples)', () => {
  it.each([
    ['a simple string', '"instance <instance> is in <state>"', '"instance i-0123456789 is in RUNNING"'],
    ['a string with escaped quotes', '"instance \\"<instance>\\" is in <state>"', '"instance \\"i-0123456789\\" is in RUNNING"'],
    ['the API reference string', '"<instance> is in state <state>"', '"i-0123456789 is in state RUNNING"'],
    ['reserved variables in a string', '"<aws.events.rule-name> triggered"', '"example triggered"'],
    ['the ingestion time in a string', '"received at <aws.events.event.ingestion-time>"', '"received at 2015-11-11T21:29:55Z"'],
  ])('renders %s', (_, template, expected) => {
    const body = transformed(template);

    expect(body).toBe(expected);
  });

  it.each([
    ['simple JSON', '{\n  "instance" : <instance>,\n  "state": <state>\n}', { instance: 'i-0123456789', state: 'RUNNING' }],
    [
      'JSON with strings and variables',
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}',
      { instance: 'i-0123456789', state: 'RUNNING', instanceStatus: 'instance "i-0123456789" is in RUNNING' },
    ],
    [
      'JSON with a mix of variables and static information',
      '{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}',
      { instance: 'i-0123456789', state: [9, 'RUNNING', true], Transformed: 'Yes' },
    ],
    [
      'the API reference JSON with variables in quotes and out',
      '{"myInstance": <instance>,"myStatus": "<instance> is in state \\"<state>\\""}',
      { myInstance: 'i-0123456789', myStatus: 'i-0123456789 is in state "RUNNING"' },
    ],
  ])('renders %s', (_, template, expected) => {
    const body = transformed(template);

    expect(JSON.parse(body)).toEqual(expected);
  });

  it('keeps the template text around the values', () => {
    const body = transformed('{\n  "instance" : <instance>,\n  "state": <state>\n}');

    expect(body).toBe('{\n  "instance" : "i-0123456789",\n  "state": "RUNNING"\n}');
  });

  it('renders reserved variables in JSON, the event without its detail', () => {
    const template = '{"instance": <instance>, "ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event>}';

    const body = transformed(template);

    const { detail: _detail, ...eventWithoutDetail } = event;
    expect(JSON.parse(body)).toEqual({
      instance: 'i-0123456789',
      ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example',
      ruleName: 'example',
      originalEvent: eventWithoutDetail,
    });
  });

  it('renders the full event for aws.events.event.json', () => {
    const body = transformed('{"original": <aws.events.event.json>}');

    expect(JSON.parse(body)).toEqual({ original: event });
  });

  it('renders a variable whose path is missing as an empty string, inside quotes or out', () => {
    const paths = { ...inputPathsMap, command: '$.detail.notinmessage' };

    const text = transformed('"info extracted from detail <command>"', paths);
    const json = transformed('{"time": <timestamp>, "command": <command>, "note": "<command>"}', paths);

    expect(text).toBe('"info extracted from detail "');
    expect(JSON.parse(json)).toEqual({ time: '2015-11-11T21:29:54Z', command: '', note: '' });
  });

  it('renders numbers, booleans, null and objects as JSON outside quotes and as text inside', () => {
    const rich = { ...event, detail: { count: 3, ok: false, none: null, tags: { a: 1 } } };
    const inputTransformer = {
      inputPathsMap: { count: '$.detail.count', ok: '$.detail.ok', none: '$.detail.none', tags: '$.detail.tags' },
      inputTemplate: '{"n": <count>, "ok": <ok>, "none": <none>, "tags": <tags>, "text": "<count> <ok> <tags>"}',
    };

    const body = renderTargetInput(target({ inputTransformer }), rich, context);

    expect(JSON.parse(body)).toEqual({ n: 3, ok: false, none: null, tags: { a: 1 }, text: '3 false {"a":1}' });
  });

  it('leaves angle brackets that name no variable untouched', () => {
    const body = transformed('"a <b> c <instance>"');

    expect(body).toBe('"a <b> c i-0123456789"');
  });
});
