/**
 * Real servers for probe and monitor tests: the shared set from the vitest globalSetup when it is
 * provided (inject('services')), otherwise ones this file starts and stops itself.
 */
import { inject } from 'vitest';
import { startNeo4j } from '../../support/neo4j.js';
import { startPostgres } from '../../support/postgres.js';
import { startSupabaseStandin } from '../../support/supabase-standin.js';

export interface Neo4jAccess {
  uri: string;
  user: string;
  password: string;
  release(): Promise<void>;
}

export interface SupabaseAccess {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
  release(): Promise<void>;
}

interface SharedServices {
  neo4j: { uri: string; user: string; password: string };
  supabase: Omit<SupabaseAccess, 'release'>;
}

function shared(): SharedServices | undefined {
  try {
    return (inject as unknown as (key: string) => SharedServices | undefined)('services');
  } catch {
    return undefined;
  }
}

export async function useNeo4j(): Promise<Neo4jAccess> {
  const s = shared()?.neo4j;
  if (s) return { ...s, release: async () => undefined };
  const server = await startNeo4j();
  return { uri: server.uri, user: server.user, password: server.password, release: () => server.dispose() };
}

export async function useSupabase(): Promise<SupabaseAccess> {
  const s = shared()?.supabase;
  if (s) return { ...s, release: async () => undefined };
  const postgres = await startPostgres();
  const standin = await startSupabaseStandin({ connectionString: postgres.connectionString });
  return {
    ...standin,
    release: async () => {
      await standin.close();
      await postgres.dispose();
    },
  };
}
