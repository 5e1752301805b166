import { describe, expect, it } from 'vitest';
import { QueryParams } from './query-params.ts';

describe('QueryParams', () => {
  it('reads scalars from a form body, the first of a repeated name winning', () => {
    const params = QueryParams.parse('Action=ListQueues&Version=2012-11-05&QueueNamePrefix=a%20b&Action=Other');

    expect(params.get('Action')).toBe('ListQueues');
    expect(params.get('QueueNamePrefix')).toBe('a b');
    expect(params.get('Missing')).toBeUndefined();
  });

  it('reads flattened lists in index order, whatever order the parameters came in', () => {
    const params = QueryParams.parse('AttributeName.2=QueueArn&AttributeName.10=Policy&AttributeName.1=All');

    expect(params.strings(['AttributeName', 'AttributeNames'])).toEqual(['All', 'QueueArn', 'Policy']);
  });

  it('reads wrapped lists (`member`) and wrapped maps (`entry`)', () => {
    const params = QueryParams.parse('Entries.member.1.Id=a&Entries.member.2.Id=b&Tags.entry.1.key=team&Tags.entry.1.value=shop');

    expect(params.list(['SendMessageBatchRequestEntry', 'Entries'])?.map((entry) => entry.get('Id'))).toEqual(['a', 'b']);
    expect(params.map(['Tag', 'Tags'])).toEqual({ team: 'shop' });
  });

  it('reads maps of strings and maps of structures', () => {
    const params = QueryParams.parse(
      'Attribute.1.Name=DelaySeconds&Attribute.1.Value=5&Attribute.2.Name=Policy&Attribute.2.Value=' +
        '&MessageAttribute.1.Name=kind&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=order',
    );

    expect(params.map(['Attribute'])).toEqual({ DelaySeconds: '5', Policy: '' });
    const [attribute] = params.mapEntries(['MessageAttribute'])!;
    expect(attribute?.key).toBe('kind');
    expect(attribute?.value.get('DataType')).toBe('String');
    expect(attribute?.value.get('StringValue')).toBe('order');
  });

  it('tells an empty list (`Entries=`, as botocore sends one) from an absent one', () => {
    const params = QueryParams.parse('Entries=');

    expect(params.list(['Entries'])).toEqual([]);
    expect(params.list(['Other'])).toBeUndefined();
  });

  it('scopes nested members', () => {
    const entry = QueryParams.parse('SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue=7').scope('SendMessageBatchRequestEntry.1');

    expect(entry.names()).toEqual(['MessageAttribute.1.Value.StringValue']);
    expect(entry.mapEntries(['MessageAttribute'])).toEqual([]);
  });
});
