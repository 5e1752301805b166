import { randomUUID } from 'node:crypto';
import { accountsRepository, type AccountsRepository } from './accounts/repository.ts';
import { countsRepository, type CountsRepository } from './counts/repository.ts';
import { servicesRepository, type ServicesRepository } from './services/repository.ts';
import type { Table } from './table.ts';

/** What the service layer needs: the three repositories, a clock and an id generator (injected for tests). */
export interface Deps {
  readonly accounts: AccountsRepository;
  readonly services: ServicesRepository;
  readonly counts: CountsRepository;
  readonly now: () => Date;
  readonly newId: () => string;
}

export function createDeps(table: Table, overrides: Partial<Pick<Deps, 'now' | 'newId'>> = {}): Deps {
  return {
    accounts: accountsRepository(table),
    services: servicesRepository(table),
    counts: countsRepository(table),
    now: overrides.now ?? (() => new Date()),
    newId: overrides.newId ?? randomUUID,
  };
}
