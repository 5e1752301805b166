import { describe, expect, it } from 'vitest';
import { el, escapeXml, field, renderXml, rootElement } from './xml.ts';

describe('renderXml', () => {
  it('writes nested elements, flattening lists and leaving out absent members', () => {
    const xml = renderXml(el('ListQueuesResult', ['a', 'b'].map((url) => el('QueueUrl', url)), field('NextToken', undefined)));

    expect(xml).toBe('<ListQueuesResult><QueueUrl>a</QueueUrl><QueueUrl>b</QueueUrl></ListQueuesResult>');
  });

  it('writes an element without content as empty, numbers, booleans and dates as text', () => {
    expect(renderXml(el('ReceiveMessageResult'))).toBe('<ReceiveMessageResult/>');
    expect(renderXml([el('Timeout', 3), el('SenderFault', true), el('CreationTime', new Date(Date.UTC(2024, 0, 2)))])).toBe(
      '<Timeout>3</Timeout><SenderFault>true</SenderFault><CreationTime>2024-01-02T00:00:00.000Z</CreationTime>',
    );
  });

  it('puts the namespace on the root element only', () => {
    expect(renderXml(rootElement('XResponse', 'http://ns/', el('A', 'b')))).toBe('<XResponse xmlns="http://ns/"><A>b</A></XResponse>');
    expect(renderXml(rootElement('ErrorResponse', undefined))).toBe('<ErrorResponse/>');
  });
});

describe('escapeXml', () => {
  it('escapes markup and keeps a carriage return from being folded into a line feed', () => {
    expect(escapeXml(`a<b>&"c"'\r\n`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;&#xD;\n');
  });
});
