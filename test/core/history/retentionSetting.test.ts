import { describe, expect, it } from 'vitest';
import { rawRetentionDays } from '../../../src-main/core/history/retentionSetting.js';

function read(value: string | undefined) {
  const warnings: string[] = [];
  const days = rawRetentionDays(value === undefined ? {} : { WALLTRACK_HISTORY_DAYS: value }, { warn: (m: string) => warnings.push(m) } as never);
  return { days, warnings };
}

describe('WALLTRACK_HISTORY_DAYS', () => {
  it('unset or empty: 7 days, no warning', () => {
    expect(read(undefined)).toEqual({ days: 7, warnings: [] });
    expect(read('  ')).toEqual({ days: 7, warnings: [] });
  });

  it('a whole number from 1 to 365 is taken as it is', () => {
    expect(read('1')).toEqual({ days: 1, warnings: [] });
    expect(read(' 30 ')).toEqual({ days: 30, warnings: [] });
    expect(read('365')).toEqual({ days: 365, warnings: [] });
  });

  it.each(['0', '366', '2.5', '-3', 'week', '1e2'])('"%s" keeps 7 days and says what is accepted', (value) => {
    expect(read(value)).toEqual({
      days: 7,
      warnings: ['WALLTRACK_HISTORY_DAYS must be a whole number of days from 1 to 365; keeping raw checks 7 days'],
    });
  });
});
