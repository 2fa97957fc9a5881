/** The durable record's shapes as hosts receive them. */
import { describe, expect, it } from 'vitest';
import { IncidentListSchema, IncidentsRequestSchema, UPTIME_WINDOWS, CHART_RANGES } from '../../src-main/common/history.js';

const incident = {
  id: 1,
  environment: 'production',
  database: 'neo4j',
  endpoint: 'bolt://db:7687',
  startedAt: '2026-01-01T02:13:00.000Z',
  endedAt: '2026-01-01T02:17:00.000Z',
  durationMs: 240_000,
  kind: 'refused',
};

describe('history shapes', () => {
  it('an incident list keeps its incidents and refuses a broken one', () => {
    expect(IncidentListSchema.parse({ incidents: [incident] })).toEqual({ incidents: [incident] });
    expect(IncidentListSchema.safeParse({ incidents: [{ ...incident, id: 0 }] }).success).toBe(false);
    expect(IncidentListSchema.safeParse({}).success).toBe(false);
  });

  it('an incidents request is optional as a whole, and bounded', () => {
    expect(IncidentsRequestSchema.parse(undefined)).toBeUndefined();
    expect(IncidentsRequestSchema.safeParse({ limit: 500 }).success).toBe(true);
    expect(IncidentsRequestSchema.safeParse({ limit: 501 }).success).toBe(false);
  });

  it('lists the ranges and the uptime windows in display order', () => {
    expect(CHART_RANGES).toEqual(['1h', '24h', '7d']);
    expect(UPTIME_WINDOWS).toEqual(['24h', '7d', '30d', '365d']);
  });
});
