/** The single-table keys of the reference's TypeDORM entities. */
export const ACCOUNT_PREFIX = 'ACCOUNT#';
export const SERVICE_PREFIX = 'SERVICE#';
export const COUNT_PREFIX = 'COUNT#';
export const METADATA = 'METADATA';
export const SERVICES_COUNT_TYPE = 'SERVICES';

export interface ItemKey {
  PK: string;
  SK: string;
}

export const accountPk = (accountId: string) => `${ACCOUNT_PREFIX}${accountId}`;
export const accountKey = (accountId: string): ItemKey => ({ PK: accountPk(accountId), SK: METADATA });
export const countKey = (accountId: string, countType = SERVICES_COUNT_TYPE): ItemKey => ({ PK: accountPk(accountId), SK: `${COUNT_PREFIX}${countType}` });
export const serviceKey = (accountId: string, serviceId: string): ItemKey => ({ PK: accountPk(accountId), SK: `${SERVICE_PREFIX}${serviceId}` });
