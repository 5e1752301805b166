import { describe, expect, it } from 'vitest';
import { collectIssues } from '../../platform/topology/validate.ts';
import { ddbClientApp } from './topology.ts';

describe('ddbClientApp', () => {
  it('declares the users table with the department GSI, PITR, tags and its .env name', () => {
    const users = ddbClientApp().tables!.users!;

    expect(users).toMatchObject({
      partitionKey: { name: 'id', type: 'S' },
      globalSecondaryIndexes: [{ name: 'department', partitionKey: { name: 'department', type: 'S' } }],
      pointInTimeRecovery: true,
      tags: { Environment: 'example', Application: 'dynamo-db-client', Owner: 'eventloom', Purpose: 'demonstration' },
      nameEnv: 'DYNAMODB_TABLE_NAME',
    });
  });
});

describe('TableDef.nameEnv validation', () => {
  const app = ddbClientApp();

  it('rejects an invalid variable name', () => {
    const issues = collectIssues({ ...app, tables: { users: { ...app.tables!.users!, nameEnv: 'TABLE-NAME' } } });

    expect(issues).toEqual([{ path: 'tables.users.nameEnv', message: 'is not a valid environment variable name' }]);
  });

  it('rejects a variable another table or API of the app already exports', () => {
    const users = app.tables!.users!;
    const issues = collectIssues({
      ...app,
      tables: { users, others: { ...users } },
      functions: { fn: { handler: 'src/x.ts#handler' } },
      httpApis: { api: { routes: [{ route: 'GET /', function: 'fn' }], baseUrlEnv: 'DYNAMODB_TABLE_NAME' } },
    });

    expect(issues).toEqual([
      { path: 'tables.others.nameEnv', message: 'exports "DYNAMODB_TABLE_NAME", already exported by tables.users.nameEnv' },
      { path: 'httpApis.api.baseUrlEnv', message: 'exports "DYNAMODB_TABLE_NAME", already exported by tables.users.nameEnv' },
    ]);
  });
});
