import { describe, expect, it } from 'vitest';
import { limitOvershoot, LiveServices } from './live-services.ts';

describe('the client-side count of live services', () => {
  it('tracks the most services live at once across interleaved creates and deletes', () => {
    // Prepare
    const live = new LiveServices();
    // Act: two creates overlap, one is deleted, then three more exist at once
    live.created();
    live.created();
    live.deleted();
    live.created();
    live.created();
    live.created();
    live.deleted();
    // Assess
    expect(live.maxLive).toBe(4);
    expect(live.live).toBe(3);
  });

  it('starts at 0 and comes back to 0 when every created service was deleted', () => {
    const live = new LiveServices();
    expect(live.maxLive).toBe(0);
    for (let i = 0; i < 3; i++) live.created();
    for (let i = 0; i < 3; i++) live.deleted();
    expect(live.live).toBe(0);
    expect(live.maxLive).toBe(3);
  });

  it('reports the overshoot as the most live at once minus the limit, never below 0', () => {
    expect(limitOvershoot(7, 5)).toBe(2);
    expect(limitOvershoot(5, 5)).toBe(0);
    expect(limitOvershoot(3, 5)).toBe(0);
  });
});
