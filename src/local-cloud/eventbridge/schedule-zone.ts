/**
 * Wall-clock time in an IANA time zone, for cron and `at(…)` schedules. A "wall" value is the
 * local date and time written as if it were UTC milliseconds (so `Date.UTC` arithmetic and the
 * `getUTC*` getters work on local fields); an "instant" is a real epoch millisecond.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows the zone (`UTC`, `Europe/Paris`, `America/New_York` …). */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant`, in milliseconds (Paris in winter: +3,600,000). */
export function zoneOffset(instant: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const fields: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

export function toWall(instant: number, zone: string): number {
  return instant + zoneOffset(instant, zone);
}

/**
 * The instant a wall time denotes: the earlier one when a clock shift repeats it (autumn), and
 * undefined when a clock shift skips it (spring) — AWS's schedules run once, or not at all, then.
 */
export function fromWall(wall: number, zone: string): number | undefined {
  if (zone === 'UTC') return wall;
  const day = 86_400_000;
  // No zone shifts twice within two days, so the offsets a day either side cover both readings.
  const candidates = [...new Set([wall - zoneOffset(wall - day, zone), wall - zoneOffset(wall + day, zone)])]
    .filter((instant) => toWall(instant, zone) === wall)
    .sort((a, b) => a - b);
  return candidates[0];
}

function formatter(zone: string): Intl.DateTimeFormat {
  let cached = formatters.get(zone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, cached);
  }
  return cached;
}
