/**
 * Checks of many targets spread over the interval (bench (i): 40 targets started together were all
 * checked in the same instant every interval, so each timer waited behind the others' work), on the fake clock.
 */
import { describe, expect, it } from 'vitest';
import { environmentPhase, spreadPhase } from '../../../src-main/core/monitor/spread.js';
import { ScriptedProbe, type Step } from './scriptedProbe.js';
import { advance, environmentMonitor, startOffsets, useFakeClock } from './fakeClock.js';

useFakeClock();
const always = (step: Step) => () => step;

describe('HealthMonitor spreads checks over the interval', () => {
  it('checks each database at once, then on its own grid: phase × interval after the first check, one interval apart', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 20 }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 20 }));
    const phases: Record<string, number> = { neo4j: 0.25, supabase: 0.75 };
    const { monitor } = environmentMonitor({ neo4j, supabase }, { intervalSec: 10 }, undefined, { phase: (db) => phases[db]! });
    monitor.start();
    await advance(36_000);
    // 0.25: 2.5 s is under half an interval after the first check, so its first grid point is 12.5 s
    expect(startOffsets(neo4j)).toEqual([0, 12_500, 22_500, 32_500]);
    expect(startOffsets(supabase)).toEqual([0, 7_500, 17_500, 27_500]);
  });

  it('a check on demand does not move the grid: the next one is the first grid point at least half an interval later', async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 20 }));
    const { monitor } = environmentMonitor({ neo4j }, { intervalSec: 10 }, undefined, { phase: () => 0 });
    monitor.start();
    await advance(13_000);
    const checked = monitor.checkNow('neo4j');
    await advance(100);
    await checked;
    await advance(18_000);
    expect(startOffsets(neo4j)).toEqual([0, 10_000, 13_000, 20_000, 30_000]);
  });

  it("an environment's databases share its phase, so one wake-up checks them all; another environment has its own", async () => {
    const neo4j = new ScriptedProbe('neo4j', always({ ok: 20 }));
    const supabase = new ScriptedProbe('supabase', always({ ok: 20 }));
    const { monitor } = environmentMonitor({ neo4j, supabase }, { intervalSec: 10 }, undefined, { phase: () => environmentPhase('production') });
    monitor.start();
    await advance(36_000);
    // 1489667096 / 2^32 ≈ 0.3468: 3,468 ms is under half an interval after the first check, so the grid starts at 13,468
    expect(startOffsets(neo4j)).toEqual([0, 13_468, 23_468, 33_468]);
    expect(startOffsets(supabase)).toEqual([0, 13_468, 23_468, 33_468]);
    expect(environmentPhase('production')).toBe(1489667096 / 2 ** 32);
    expect(environmentPhase('staging')).toBe(3286950861 / 2 ** 32);
  });

  it('spreadPhase is a stable fraction of the interval per target name (FNV-1a with a final mix)', () => {
    expect(spreadPhase('production/neo4j')).toBe(2582524621 / 2 ** 32);
    expect(spreadPhase('production/supabase')).toBe(3831273563 / 2 ** 32);
    expect(spreadPhase('staging/neo4j')).toBe(1485009777 / 2 ** 32);
    expect(spreadPhase('')).toBe(2872998923 / 2 ** 32);
  });
});
