const SINGLE_TABLE_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const STATEMENT_WRITES = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

/** What a successful DynamoDB request may have written: table names, `all` (a PartiQL write, its table left unparsed), or nothing. */
export type WrittenTables = readonly string[] | 'all';

/**
 * The tables a DynamoDB request writes to, from its `X-Amz-Target` operation and JSON body, so the
 * local cloud can wake the readers of their streams. Reads answer an empty list.
 */
export function writtenTables(operation: string, body: string): WrittenTables {
  if (!SINGLE_TABLE_WRITES.has(operation) && operation !== 'BatchWriteItem' && operation !== 'TransactWriteItems' && !STATEMENT_WRITES.has(operation)) return [];
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return [];
  }
  if (SINGLE_TABLE_WRITES.has(operation)) return typeof request.TableName === 'string' ? [request.TableName] : [];
  if (operation === 'BatchWriteItem') return Object.keys((request.RequestItems as object | undefined) ?? {});
  if (operation === 'TransactWriteItems') {
    const items = Array.isArray(request.TransactItems) ? (request.TransactItems as Record<string, { TableName?: unknown } | undefined>[]) : [];
    const names = items.flatMap((item) => [item.Put, item.Update, item.Delete].map((action) => action?.TableName));
    return [...new Set(names.filter((name): name is string => typeof name === 'string'))];
  }
  return statementsOf(operation, request).some(isWriteStatement) ? 'all' : [];
}

function statementsOf(operation: string, request: Record<string, unknown>): string[] {
  if (operation === 'ExecuteStatement') return typeof request.Statement === 'string' ? [request.Statement] : [];
  const list = operation === 'BatchExecuteStatement' ? request.Statements : request.TransactStatements;
  return Array.isArray(list) ? list.map((entry: { Statement?: unknown }) => (typeof entry?.Statement === 'string' ? entry.Statement : '')) : [];
}

function isWriteStatement(statement: string): boolean {
  return !/^\s*select\b/i.test(statement);
}
