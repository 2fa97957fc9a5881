import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src-main/common/duration.js';

describe('durations in words', () => {
  it('grows coarser as it lasts longer: seconds, minutes, hours (with minutes under ten hours), days', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45_900)).toBe('45 s');
    expect(formatDuration(12 * 60_000 + 59_000)).toBe('12 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatDuration(3 * 3_600_000)).toBe('3 h');
    expect(formatDuration(30 * 3_600_000 + 5 * 60_000)).toBe('30 h');
    expect(formatDuration(3 * 86_400_000 + 7 * 3_600_000)).toBe('3 d');
    expect(formatDuration(-5_000)).toBe('0 s');
  });

  it('never says "60 min": 59 min 59 s is still minutes, 60 min is an hour', () => {
    expect(formatDuration(59_999)).toBe('59 s');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(3_599_000)).toBe('59 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(9 * 3_600_000 + 59 * 60_000)).toBe('9 h 59 min');
    expect(formatDuration(10 * 3_600_000 + 59 * 60_000)).toBe('10 h');
    expect(formatDuration(47 * 3_600_000 + 59 * 60_000)).toBe('47 h');
    expect(formatDuration(48 * 3_600_000)).toBe('2 d');
  });
});
