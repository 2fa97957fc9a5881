/** What a deeper check found, in the words the CLI's table and the tray both use. */
import { describe, expect, it } from 'vitest';
import { detailsNote, partsNeedingAttention } from '../../src-main/common/detailsSummary.js';
import type { DatabaseDetails } from '../../src-main/common/schemas.js';

const CHECKED = '2026-01-01T00:00:00.000Z';
const details = (over: Partial<DatabaseDetails>): DatabaseDetails => ({ parts: [], checkedAt: CHECKED, ...over });
const ok = (name: string) => ({ name, status: 'ACTIVE_HEALTHY', ok: true });

describe('partsNeedingAttention', () => {
  it('names each part that is not ok with its status, in order; null when all are ok or there are no details', () => {
    expect(
      partsNeedingAttention(
        details({ parts: [ok('auth'), { name: 'realtime', status: 'UNHEALTHY', ok: false, message: 'down' }, { name: 'neo4j', status: 'offline', ok: false }] }),
      ),
    ).toBe('realtime UNHEALTHY, neo4j offline');
    expect(partsNeedingAttention(details({ parts: [ok('auth'), ok('db')] }))).toBeNull();
    expect(partsNeedingAttention(undefined)).toBeNull();
  });
});

describe('detailsNote', () => {
  it("one line: the whole status, each part not ok with its message, then the check's own problem", () => {
    expect(
      detailsNote(
        details({
          status: 'ACTIVE_UNHEALTHY',
          parts: [ok('db'), { name: 'realtime', status: 'UNHEALTHY', ok: false, message: 'not answering' }, { name: 'storage', status: 'COMING_UP', ok: false }],
          problem: 'HTTP 429: rate limited',
        }),
      ),
    ).toBe('ACTIVE_UNHEALTHY; realtime UNHEALTHY (not answering); storage COMING_UP; HTTP 429: rate limited');
  });

  it('a problem alone is enough; a status alone, with every part ok, is not news', () => {
    expect(detailsNote(details({ problem: 'SHOW DATABASES on system failed: x' }))).toBe('SHOW DATABASES on system failed: x');
    expect(detailsNote(details({ status: 'ACTIVE_HEALTHY', parts: [ok('db')] }))).toBeNull();
    expect(detailsNote(undefined)).toBeNull();
  });
});
