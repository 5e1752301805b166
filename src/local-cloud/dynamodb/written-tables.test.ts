import { describe, expect, it } from 'vitest';
import { writtenTables } from './written-tables.ts';

describe('writtenTables', () => {
  it('names the table of a single-item write', () => {
    expect(writtenTables('PutItem', JSON.stringify({ TableName: 'orders', Item: {} }))).toEqual(['orders']);
    expect(writtenTables('UpdateItem', JSON.stringify({ TableName: 'orders', Key: {} }))).toEqual(['orders']);
    expect(writtenTables('DeleteItem', JSON.stringify({ TableName: 'orders', Key: {} }))).toEqual(['orders']);
  });

  it('names every table of a batch or a transaction, once', () => {
    expect(writtenTables('BatchWriteItem', JSON.stringify({ RequestItems: { a: [], b: [] } }))).toEqual(['a', 'b']);
    const transaction = { TransactItems: [{ Put: { TableName: 'a' } }, { Update: { TableName: 'b' } }, { Delete: { TableName: 'a' } }, { ConditionCheck: { TableName: 'c' } }] };
    expect(writtenTables('TransactWriteItems', JSON.stringify(transaction))).toEqual(['a', 'b']);
  });

  it('answers all for a PartiQL write and nothing for a PartiQL read', () => {
    expect(writtenTables('ExecuteStatement', JSON.stringify({ Statement: 'INSERT INTO "a" VALUE {}' }))).toBe('all');
    expect(writtenTables('BatchExecuteStatement', JSON.stringify({ Statements: [{ Statement: 'select * from a' }, { Statement: 'DELETE FROM a' }] }))).toBe('all');
    expect(writtenTables('ExecuteStatement', JSON.stringify({ Statement: ' SELECT * FROM "a"' }))).toEqual([]);
  });

  it('answers nothing for reads and bodies it cannot parse', () => {
    expect(writtenTables('GetItem', JSON.stringify({ TableName: 'a' }))).toEqual([]);
    expect(writtenTables('PutItem', 'not json')).toEqual([]);
  });
});
