/** The browser tab's title for the states the Chromium run does not script (offline, lost, stale, partly paused, checking). */
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type EnvironmentStatus, type Snapshot } from '../../../src-main/common/schemas.js';
import { tabState } from '../../../src-renderer/lib/tabState.js';
import { env, overallFor } from './fixtures.js';

const FRESH = { now: Date.parse('2026-01-01T12:00:30.000Z'), connectionLostSince: null };
const of = (environments: EnvironmentStatus[], status: Snapshot['status'], extra: Partial<Snapshot> = {}): Snapshot =>
  SnapshotSchema.parse({ ...overallFor(status, 'healthy', 'healthy'), environments, status, ...extra });

describe('the tab title', () => {
  it('says the connection is lost, the computer offline, or the results stale, in grey', () => {
    const down = overallFor('down', 'healthy', 'down');
    expect(tabState(down, down.environments, { ...FRESH, connectionLostSince: '2026-01-01T12:00:10.000Z' })).toEqual({ title: '? Connection lost — WallTrack Monitor', tone: 'neutral' });
    const offline = { ...down, connectivity: { online: false, since: '2026-01-01T11:59:00.000Z' } };
    expect(tabState(offline, offline.environments, FRESH)).toEqual({ title: '⊘ Offline — WallTrack Monitor', tone: 'neutral' });
    expect(tabState(down, down.environments, { ...FRESH, now: Date.parse('2026-01-01T12:05:00.000Z') })).toEqual({ title: '◷ Stale — WallTrack Monitor', tone: 'neutral' });
  });

  it('is not green while part of the environments is paused, and says when it is still checking', () => {
    const production = env('production', { supabase: 'healthy', neo4j: 'healthy' });
    const staging = { ...env('staging', { supabase: 'healthy', neo4j: 'healthy' }), paused: { until: null } };
    const partly = of([production, staging], 'ok');
    expect(tabState(partly, partly.environments, FRESH)).toEqual({ title: '‖ No problems where checked — WallTrack Monitor', tone: 'neutral' });
    const checking = of([env('default', { supabase: 'unknown', neo4j: 'healthy' }, 'unknown')], 'unknown');
    expect(tabState(checking, checking.environments, FRESH)).toEqual({ title: '… Checking… — WallTrack Monitor', tone: 'neutral' });
  });

  it('says "Not configured" when one database is left unset and the rest are fine', () => {
    const half = overallFor('unconfigured', 'not_configured', 'healthy');
    expect(tabState(half, half.environments, FRESH)).toEqual({ title: '– Not configured — WallTrack Monitor', tone: 'neutral' });
  });
});
