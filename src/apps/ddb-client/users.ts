import { base36, intBetween, pick, type Random } from './random.ts';

/** An item of the users table. */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly age: number;
  readonly department?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const FIRST_NAMES = ['Alice', 'Bob', 'Charlie', 'Diana', 'Eve', 'Frank', 'Grace', 'Helen'] as const;
export const LAST_NAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis'] as const;
export const EMAIL_DOMAINS = ['example.com', 'test.org', 'demo.net', 'sample.io'] as const;
export const DEPARTMENTS = ['Engineering', 'Marketing', 'Sales', 'HR', 'Finance', 'Operations'] as const;

/** The user attributes a GET projects (`name` is a reserved word, so it goes through `#name`). */
export const USER_ATTRIBUTES = ['id', 'name', 'email', 'age', 'department', 'createdAt', 'updatedAt'] as const;

/** Random data as the reference generates it; `random` and `now` injected so a seed replays it. */
export class UserFactory {
  constructor(
    private readonly random: Random,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `user-<epoch ms>-<9 base-36 chars>`. */
  user(): User {
    const now = this.now();
    return this.build(`user-${now.getTime()}-${base36(this.random, 9)}`, now);
  }

  /** `batch-user-<epoch ms>-<index>` for index 0 … count−1. */
  batch(count: number): User[] {
    const now = this.now();
    return Array.from({ length: count }, (_, i) => this.build(`batch-user-${now.getTime()}-${i}`, now));
  }

  department(): string {
    return pick(this.random, DEPARTMENTS);
  }

  private build(id: string, now: Date): User {
    const timestamp = now.toISOString();
    return {
      id,
      name: `${pick(this.random, FIRST_NAMES)} ${pick(this.random, LAST_NAMES)}`,
      email: `${base36(this.random, 8)}@${pick(this.random, EMAIL_DOMAINS)}`,
      age: intBetween(this.random, 20, 69),
      department: this.department(),
      createdAt: timestamp,
      updatedAt: timestamp,
    };
  }
}
