import { batchWrite } from './batch-write.ts';
import { deleteItem, getItem, putItem, updateItem } from './item-operations.ts';
import type { Operation, OperationName } from './operation.ts';
import { queryByDepartment, scanItems } from './read-operations.ts';

/** The seven operations, by name. */
export const OPERATIONS: Readonly<Record<OperationName, Operation>> = {
  put: putItem,
  get: getItem,
  update: updateItem,
  scan: scanItems,
  query: queryByDepartment,
  delete: deleteItem,
  batch: batchWrite,
};
