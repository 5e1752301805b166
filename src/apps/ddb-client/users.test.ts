import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';
import { seededRandom } from './random.ts';
import { DEPARTMENTS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, UserFactory } from './users.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');

describe('UserFactory', () => {
  it('generates users as the reference does', () => {
    const users = new UserFactory(seededRandom(1), () => NOW);

    for (let i = 0; i < 200; i++) {
      const user = users.user();
      const [first, last] = user.name.split(' ');
      const [local, domain] = user.email.split('@');
      expect(user.id).toMatch(new RegExp(`^user-${NOW.getTime()}-[0-9a-z]{9}$`));
      expect(FIRST_NAMES).toContain(first);
      expect(LAST_NAMES).toContain(last);
      expect(local).toMatch(/^[0-9a-z]{8}$/);
      expect(EMAIL_DOMAINS).toContain(domain);
      expect(Number.isInteger(user.age) && user.age >= 20 && user.age <= 69).toBe(true);
      expect(DEPARTMENTS).toContain(user.department);
      expect([user.createdAt, user.updatedAt]).toEqual([NOW.toISOString(), NOW.toISOString()]);
    }
  });

  it('numbers batch users batch-user-<epoch ms>-<index>', () => {
    const users = new UserFactory(seededRandom(1), () => NOW);

    expect(users.batch(3).map((u) => u.id)).toEqual([0, 1, 2].map((i) => `batch-user-${NOW.getTime()}-${i}`));
  });

  it('replays the same data for the same seed', () => {
    const a = new UserFactory(seededRandom(9), () => NOW);
    const b = new UserFactory(seededRandom(9), () => NOW);

    expect([a.user(), a.user(), a.batch(2)]).toEqual([b.user(), b.user(), b.batch(2)]);
    expect(new UserFactory(seededRandom(10), () => NOW).user()).not.toEqual(new UserFactory(seededRandom(9), () => NOW).user());
  });

  it('covers every department and age bound over many draws', () => {
    const users = new UserFactory(seededRandom(3), () => NOW);
    const drawn = Array.from({ length: 2_000 }, () => users.user());

    expect(new Set(drawn.map((u) => u.department))).toEqual(new Set(DEPARTMENTS));
    expect(Math.min(...drawn.map((u) => u.age))).toBe(20);
    expect(Math.max(...drawn.map((u) => u.age))).toBe(69);
  });
});

describe('backoffDelayMs', () => {
  it('draws uniformly below an exponentially growing, capped ceiling', () => {
    const max = () => 0.999_999;

    expect([0, 1, 2, 3].map((attempt) => Math.ceil(backoffDelayMs(attempt, max, 50)))).toEqual([50, 100, 200, 400]);
    expect(Math.ceil(backoffDelayMs(20, max, 50, 5_000))).toBe(5_000);
    expect(backoffDelayMs(5, () => 0, 50)).toBe(0);
  });
});
