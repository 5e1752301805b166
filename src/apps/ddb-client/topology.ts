import { defineApp } from '../../platform/topology/define.ts';
import type { AppDef } from '../../platform/topology/types.ts';
import { DEPARTMENT_INDEX, USERS_TABLE_KEYS } from './users-table.ts';

/**
 * The ddb-client app: only the `users` table the client exercises (the client itself is a command,
 * `npm run ddb-client`, not a function). Locally `ddb-client-users`, its name exported to `.env`
 * as DYNAMODB_TABLE_NAME so the client needs no configuration after `npm start`.
 */
export function ddbClientApp(): AppDef {
  return defineApp({
    name: 'ddb-client',
    tables: {
      users: {
        partitionKey: USERS_TABLE_KEYS.partitionKey,
        globalSecondaryIndexes: [{ name: DEPARTMENT_INDEX, partitionKey: USERS_TABLE_KEYS.departmentKey }],
        pointInTimeRecovery: true,
        tags: { Environment: 'example', Application: 'dynamo-db-client', Owner: 'eventloom', Purpose: 'demonstration' },
        nameEnv: 'DYNAMODB_TABLE_NAME',
      },
    },
  });
}
