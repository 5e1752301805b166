import { describe, expect, it } from 'vitest';
import { decodeEvent } from './events.ts';
import { InputTemplate, type TemplateContext } from './input-template.ts';

const context: TemplateContext = {
  pipeArn: 'arn:aws:pipes:us-east-1:000000000000:pipe/orders',
  pipeName: 'orders',
  sourceArn: 'arn:aws:sqs:us-east-1:000000000000:orders-in',
  enrichmentArn: '',
  targetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-out',
  ingestionTime: '2026-01-02T03:04:05.678Z',
};

const message = {
  messageId: 'm-1',
  body: '{"id":7,"customer":{"name":"Ann \\"A\\" Lee"},"tags":["a","b"],"nothing":null}',
  attributes: { SenderId: 'AIDA123' },
};

const render = (template: string, event: unknown = message) => InputTemplate.compile(template).render({ event, decoded: decodeEvent('sqs', event) }, context);

describe('Pipes InputTemplate', () => {
  it('renders a static string as it is', () => {
    expect(render('Hello, sender')).toBe('Hello, sender');
  });

  it('writes values bare in a free-text template', () => {
    expect(render('Hello, <$.attributes.SenderId>, order <$.body.id>')).toBe('Hello, AIDA123, order 7');
  });

  it('writes a lone path to a string as the bare string', () => {
    expect(render('<$.attributes.SenderId>')).toBe('AIDA123');
  });

  it('strips the quote marks of an object written as text, as AWS documents', () => {
    expect(render('<$.body.customer>')).toBe('{name:Ann \\A\\ Lee}');
  });

  it('writes values outside quotes as JSON and inside quotes as escaped text', () => {
    const output = render('{"id": <$.body.id>, "customer": <$.body.customer>, "tags": <$.body.tags>, "line": "<$.body.customer.name> (#<$.body.id>)"}');

    expect(JSON.parse(output)).toEqual({ id: 7, customer: { name: 'Ann "A" Lee' }, tags: ['a', 'b'], line: 'Ann "A" Lee (#7)' });
  });

  it('renders a missing path as an empty string, inside quotes or out, and null as JSON null', () => {
    expect(JSON.parse(render('{"a": <$.body.missing>, "b": "x<$.body.missing>y", "c": <$.body.nothing>, "d": "<$.body.nothing>"}'))).toEqual({
      a: '',
      b: 'xy',
      c: null,
      d: '',
    });
  });

  it('fills the reserved variables', () => {
    const output = render(
      '{"arn": <aws.pipes.pipe-arn>, "name": "<aws.pipes.pipe-name>", "source": <aws.pipes.source-arn>, "enrichment": <aws.pipes.enrichment-arn>, "target": <aws.pipes.target-arn>, "at": <aws.pipes.event.ingestion-time>}',
    );

    expect(JSON.parse(output)).toEqual({
      arn: context.pipeArn,
      name: 'orders',
      source: context.sourceArn,
      enrichment: '',
      target: context.targetArn,
      at: context.ingestionTime,
    });
  });

  it('gives the event as received in aws.pipes.event and with its body parsed in aws.pipes.event.json', () => {
    const output = JSON.parse(render('{"raw": <aws.pipes.event>, "json": <aws.pipes.event.json>}')) as Record<string, { body: unknown }>;

    expect(output.raw!.body).toBe(message.body);
    expect(output.json!.body).toMatchObject({ id: 7, tags: ['a', 'b'] });
  });

  it('reads Kinesis data that is base64 JSON as JSON', () => {
    const record = { partitionKey: 'p', data: Buffer.from('{"city":"Seattle","temp":46}').toString('base64') };
    const template = InputTemplate.compile('{"city": <$.data.city>, "key": "<$.partitionKey>"}');

    expect(JSON.parse(template.render({ event: record, decoded: decodeEvent('kinesis', record) }, context))).toEqual({ city: 'Seattle', key: 'p' });
  });

  it('leaves an SQS body that is not JSON a string', () => {
    expect(render('{"body": <$.body>}', { body: 'plain text' })).toBe('{"body": "plain text"}');
  });

  it('collects wildcard matches into an array', () => {
    const event = { body: JSON.stringify({ items: [{ sku: 'a' }, { sku: 'b' }, { other: 1 }] }) };

    expect(JSON.parse(render('{"skus": <$.body.items[*].sku>}', event))).toEqual({ skus: ['a', 'b'] });
  });

  it('keeps angle brackets that are not placeholders, and escaped quotes inside strings', () => {
    expect(JSON.parse(render('{"html": "<b>\\"<$.body.id>\\"</b>", "n": <$.body.id>}'))).toEqual({ html: '<b>"7"</b>', n: 7 });
  });

  it('rejects an unknown reserved variable and an unsupported path when compiled', () => {
    expect(() => InputTemplate.compile('{"a": <aws.pipes.nope>}')).toThrow(/unknown variable <aws.pipes.nope>/);
    expect(() => InputTemplate.compile('{"a": <$..deep>}')).toThrow(/Unsupported JSONPath/);
  });
});
