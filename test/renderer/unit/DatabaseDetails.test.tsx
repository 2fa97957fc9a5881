/** What a deeper check found, on the card: the whole's status, each part with a mark, the check's own problem muted. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Freshness } from '../../../src-main/common/freshness.js';
import type { DatabaseDetails, DatabaseStatus } from '../../../src-main/common/schemas.js';
import { DatabaseCard } from '../../../src-renderer/status/DatabaseCard.js';
import { status } from './fixtures.js';

const LIVE: Freshness = { kind: 'live' };
const card = (s: DatabaseStatus) =>
  renderToStaticMarkup(
    <DatabaseCard environment="production" status={s} freshness={LIVE} now={Date.parse('2026-01-01T12:12:00.000Z')} history={{ view: null, error: null }} range="1h" onRange={() => undefined} />,
  );
const CHECKED = '2026-01-01T12:00:00.000Z';
const supabase = (details: DatabaseDetails | undefined, extra: Partial<DatabaseStatus> = {}) =>
  status('healthy', { database: 'supabase', label: 'Supabase', target: 'https://abcdefghijklmnopqrst.supabase.co', ...(details ? { details } : {}), ...extra });

const SERVICES: DatabaseDetails = {
  status: 'ACTIVE_HEALTHY',
  parts: [
    { name: 'auth', status: 'ACTIVE_HEALTHY', ok: true },
    { name: 'db', status: 'ACTIVE_HEALTHY', ok: true },
    { name: 'pooler', status: 'COMING_UP', ok: false },
    { name: 'realtime', status: 'UNHEALTHY', ok: false, message: 'realtime is not answering' },
    { name: 'rest', status: 'ACTIVE_HEALTHY', ok: true },
    { name: 'storage', status: 'ACTIVE_HEALTHY', ok: true },
  ],
  checkedAt: CHECKED,
};

/** The details group's markup, or '' when the card has none. */
const detailsOf = (html: string) => /<div class="card-details"[^>]*>.*?<\/div>/.exec(html)?.[0] ?? '';

describe('database card details', () => {
  it('shows the status and every service with its mark; parts that are not ok first, with their status word and message', () => {
    const details = detailsOf(card(supabase(SERVICES)));
    expect(details).toContain('aria-label="Supabase details"');
    expect(details).toContain('<p class="details-status">Status <strong>ACTIVE_HEALTHY</strong></p>');
    const parts = [...details.matchAll(/<li class="detail-part detail-part-(ok|bad)" data-part="([a-z]+)"[^>]*>(.*?)<\/li>/g)].map((m) => [m[1], m[2], m[3]!.replace(/<[^>]+>/g, '')]);
    expect(parts).toEqual([
      ['bad', 'pooler', '✕ pooler COMING_UP'],
      ['bad', 'realtime', '✕ realtime UNHEALTHY — realtime is not answering'],
      ['ok', 'auth', '✓ auth ACTIVE_HEALTHY'],
      ['ok', 'db', '✓ db ACTIVE_HEALTHY'],
      ['ok', 'rest', '✓ rest ACTIVE_HEALTHY'],
      ['ok', 'storage', '✓ storage ACTIVE_HEALTHY'],
    ]);
    // The marks are decoration; the status word is what a screen reader hears.
    expect(details).toContain('<span class="detail-mark" aria-hidden="true">✕</span>');
  });

  it('a problem with the deeper check is its own muted line and leaves the card healthy', () => {
    const html = card(supabase({ ...SERVICES, parts: SERVICES.parts.filter((p) => p.ok), problem: 'Management API at https://api.supabase.com: HTTP 401: the access token was refused; check SUPABASE_ACCESS_TOKEN' }));
    expect(html).toContain('data-state="healthy"');
    expect(html).toContain('class="card tone-good"');
    expect(detailsOf(html)).toContain(
      '<p class="details-problem">Management API at https://api.supabase.com: HTTP 401: the access token was refused; check SUPABASE_ACCESS_TOKEN</p>',
    );
    expect(html).not.toContain('What to do');
  });

  it('a Neo4j server: its databases not online as requested with their message, and the server line with version and edition', () => {
    const html = card(
      status('healthy', {
        server: { agent: 'Neo4j/5.26.30', version: '5.26.30', edition: 'community' },
        details: {
          parts: [
            { name: 'neo4j', status: 'online', ok: true },
            { name: 'reports', status: 'offline', ok: false, message: 'Could not start: store corrupt' },
            { name: 'system', status: 'online', ok: true },
          ],
          checkedAt: CHECKED,
        },
      }),
    );
    expect(detailsOf(html)).not.toContain('details-status');
    expect(detailsOf(html)).toMatch(/data-part="reports"[^>]*>.*✕.*reports.*offline.*— Could not start: store corrupt/);
    expect(html).toContain('<p class="card-server">Neo4j/5.26.30 community</p>');
  });

  it('nothing new without details: no token, no extra lines', () => {
    expect(detailsOf(card(supabase(undefined)))).toBe('');
    expect(card(supabase(undefined))).toBe(card(status('healthy', { database: 'supabase', label: 'Supabase', target: 'https://abcdefghijklmnopqrst.supabase.co' })));
  });

  it('nothing to say when every part is ok and there is neither a status of the whole nor a problem (every Neo4j database online)', () => {
    const online = { parts: [{ name: 'neo4j', status: 'online', ok: true }, { name: 'system', status: 'online', ok: true }], checkedAt: CHECKED };
    expect(detailsOf(card(status('healthy', { details: online })))).toBe('');
  });

  it('many parts (a cluster lists each database per server): the ok ones beyond eight are counted, not listed', () => {
    const parts = [{ name: 'reports', status: 'offline', ok: false }, ...Array.from({ length: 12 }, (_, i) => ({ name: `db${i}`, status: 'online', ok: true }))];
    const details = detailsOf(card(status('healthy', { details: { parts, checkedAt: CHECKED } })));
    expect(details.match(/class="detail-part detail-part-ok"/g)).toHaveLength(8);
    expect(details).toContain('<li class="detail-part detail-more">+4 more ok</li>');
  });
});
