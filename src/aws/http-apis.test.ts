import { describe, expect, it } from 'vitest';
import { routeKey } from './http-apis.ts';

describe('routeKey', () => {
  it('takes API Gateway methods and $default', () => {
    expect(routeKey('POST /a/{id}').key).toBe('POST /a/{id}');
    expect(routeKey('$default').key).toBe('$default');
  });

  it('refuses a method that is not one, Object.prototype names included', () => {
    for (const route of ['FETCH /x', 'constructor /x', 'toString /x']) expect(() => routeKey(route)).toThrow(/unknown method/);
  });
});
