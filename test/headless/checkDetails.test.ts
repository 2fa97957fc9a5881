/** `check`'s table names what a deeper check found only when something there needs attention. */
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src-main/headless/checkReport.js';
import { environmentStatus, snapshotOf } from './browser/fakeCore.js';

const CHECKED = '2026-01-01T00:00:00.000Z';

function withDetails(details: object | undefined) {
  const env = environmentStatus('production', { supabase: 'healthy', neo4j: 'healthy' }, 'ok');
  if (details) env.databases.supabase = { ...env.databases.supabase!, details: { checkedAt: CHECKED, ...details } as never };
  return formatReport(snapshotOf([env], 'ok'), { colour: false, now: Date.parse(CHECKED) });
}

describe('check table and deeper-check details', () => {
  it('all parts ok: no extra line (a table as before)', () => {
    expect(withDetails({ status: 'ACTIVE_HEALTHY', parts: [{ name: 'db', status: 'ACTIVE_HEALTHY', ok: true }] })).toBe(withDetails(undefined));
  });

  it('a part not ok, or a problem with the deeper check: one line under the table', () => {
    expect(
      withDetails({
        status: 'ACTIVE_UNHEALTHY',
        parts: [
          { name: 'db', status: 'ACTIVE_HEALTHY', ok: true },
          { name: 'realtime', status: 'UNHEALTHY', ok: false, message: 'not answering' },
        ],
        problem: 'Management API at https://api.supabase.com: HTTP 429: rate limited',
      }).split('\n').slice(-3, -1),
    ).toEqual([
      // Wrapped at 100 columns.
      '  production / Supabase: ACTIVE_UNHEALTHY; realtime UNHEALTHY (not answering); Management API at',
      '    https://api.supabase.com: HTTP 429: rate limited',
    ]);
    expect(withDetails({ parts: [], problem: 'SHOW DATABASES on system failed: x' }).split('\n').slice(-2)[0]).toBe(
      '  production / Supabase: SHOW DATABASES on system failed: x',
    );
  });
});
