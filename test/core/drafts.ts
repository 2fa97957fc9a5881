/** Settings drafts (version 2) for core tests, spelled out the way a settings window sends them. */
import type { SecretEdit, SettingsDraftInput, TestConnectionRequest } from '../../src-main/common/settings-schema.js';

export interface EnvironmentInput {
  id: string;
  name?: string;
  colour?: string | null;
  supabase?: { url: string; probeTable?: string | null };
  neo4j?: { uri: string; user?: string; database?: string | null };
}

/** replace (a string), remove (null) or keep (undefined). */
export type SecretInput = string | null | undefined;

export function edit(value: SecretInput): SecretEdit {
  if (value === undefined) return { action: 'keep' };
  return value === null ? { action: 'remove' } : { action: 'replace', value };
}

export function environment(e: EnvironmentInput) {
  const databases: Record<string, Record<string, string | null>> = {};
  if (e.supabase) databases.supabase = { url: e.supabase.url, probeTable: e.supabase.probeTable ?? null };
  if (e.neo4j) databases.neo4j = { uri: e.neo4j.uri, user: e.neo4j.user ?? 'neo4j', database: e.neo4j.database ?? null };
  return { id: e.id, name: e.name ?? e.id, colour: e.colour ?? null, databases };
}

export function draftOf(
  environments: EnvironmentInput[],
  secrets: Record<string, { supabaseKey?: SecretInput; neo4jPassword?: SecretInput }> = {},
  extra: { monitor?: Record<string, number>; removeEnvironments?: string[] } = {},
): SettingsDraftInput {
  return {
    settings: {
      environments: environments.map(environment),
      monitor: { intervalSec: 60, timeoutMs: 3_000, retries: 0, ...extra.monitor },
    },
    secrets: Object.fromEntries(
      Object.entries(secrets).map(([env, s]) => [env, Object.fromEntries(Object.entries(s).map(([name, v]) => [name, edit(v)]))]),
    ),
    // A fresh data folder starts with the "default" environment; a draft without it removes it, confirmed.
    removeEnvironments: [...(extra.removeEnvironments ?? []), ...(environments.some((e) => e.id === 'default') ? [] : ['default'])],
  };
}

/** A connection test of one environment's database with a draft as the window sends it (the core parses it). */
export function testRequest(draft: SettingsDraftInput, environment: string, database: string): TestConnectionRequest {
  return { ...draft, environment, database } as TestConnectionRequest;
}
