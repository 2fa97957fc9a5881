import { describe, expect, it } from 'vitest';
import { sparkGeometry } from '../../../src-renderer/lib/sparkline.js';

describe('sparkline geometry', () => {
  it('scales the highest latency to the top and zero to the bottom', () => {
    const g = sparkGeometry([{ latencyMs: 0, failed: false }, { latencyMs: 50, failed: false }, { latencyMs: 100, failed: false }], 104, 44);
    expect(g.maxMs).toBe(100);
    expect(g.path).toBe('M2.0 42.0 L52.0 22.0 L102.0 2.0');
    expect(g.failures).toEqual([]);
  });

  it('breaks the line at failed checks and marks them on the baseline', () => {
    const g = sparkGeometry(
      [
        { latencyMs: 10, failed: false },
        { latencyMs: 10, failed: false },
        { latencyMs: null, failed: true },
        { latencyMs: 10, failed: false },
      ],
      64,
      24,
    );
    expect(g.path.match(/M/g)).toHaveLength(2); // two segments: the pen lifts at the failure
    expect(g.failures).toEqual([42]);
  });

  it('copes with no latency at all', () => {
    const g = sparkGeometry([{ latencyMs: null, failed: true }, { latencyMs: null, failed: true }], 100, 40);
    expect(g.path).toBe('');
    expect(g.failures).toHaveLength(2);
  });
});
