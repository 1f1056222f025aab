import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../main/core/sync/rate-limit.js';

/** Virtual time: sleep advances the clock instantly, so 1,000 requests take no wall time. */
function fakeClock() {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('RateLimiter (fake time)', () => {
  it('1,000 queued requests with injected 429 pauses never exceed 1/s or 100/min', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ perSecond: 1, perMinute: 100, now: clock.now, sleep: clock.sleep });
    const stamps: number[] = [];
    const pauses: { from: number; until: number }[] = [];
    // Deterministic "429s": every 97th request the server asks for a 5 s pause.
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        limiter.acquire().then(() => {
          stamps.push(clock.now());
          if (i % 97 === 96) {
            limiter.pause(5_000);
            pauses.push({ from: clock.now(), until: clock.now() + 5_000 });
          }
        }),
      ),
    );
    expect(stamps).toHaveLength(1000);
    let maxPerSecond = 0;
    let maxPerMinute = 0;
    for (let i = 0; i < stamps.length; i++) {
      const t = stamps[i] ?? 0;
      maxPerSecond = Math.max(maxPerSecond, stamps.filter((s) => s >= t && s < t + 1_000).length);
      maxPerMinute = Math.max(maxPerMinute, stamps.filter((s) => s >= t && s < t + 60_000).length);
    }
    for (const p of pauses) expect(stamps.filter((s) => s > p.from && s < p.until)).toEqual([]);
    console.log(`rate limiter: 1000 requests over ${((stamps.at(-1) ?? 0) - (stamps[0] ?? 0)) / 1000} virtual s; max ${maxPerSecond}/s, ${maxPerMinute}/min; ${pauses.length} injected 429 pauses honoured`);
    expect(maxPerSecond).toBeLessThanOrEqual(1);
    expect(maxPerMinute).toBeLessThanOrEqual(100);
  });
});
