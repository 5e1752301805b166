import { describe, expect, it } from 'vitest';
import { fromWall, isTimeZone, toWall, zoneOffset } from './schedule-zone.ts';

const at = (iso: string) => Date.parse(iso);

describe('time zones', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('gives the offset with daylight saving time', () => {
    expect(zoneOffset(at('2030-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffset(at('2030-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffset(at('2030-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('round-trips wall times, earlier reading first when repeated, none when skipped', () => {
    expect(fromWall(toWall(at('2030-07-15T12:00:00Z'), 'Europe/Paris'), 'Europe/Paris')).toBe(at('2030-07-15T12:00:00Z'));
    expect(fromWall(at('2030-10-27T02:30:00Z'), 'Europe/Paris')).toBe(at('2030-10-27T00:30:00Z'));
    expect(fromWall(at('2030-03-31T02:30:00Z'), 'Europe/Paris')).toBeUndefined();
  });
});
