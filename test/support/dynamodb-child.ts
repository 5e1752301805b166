// Run as a child process by the orphan-JVM test: starts DynamoDB Local, prints the JVM pid, stays up.
import { startDynamoDbLocal } from '../../src/local-cloud/dynamodb/process.ts';

const ddb = await startDynamoDbLocal();
process.stdout.write(`${JSON.stringify({ pid: ddb.pid, endpoint: ddb.endpoint })}\n`);
setInterval(() => {}, 60_000);
