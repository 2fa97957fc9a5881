/**
 * The shared real services of one `vitest run`: Neo4j, PostgreSQL and the Supabase stand-in
 * (test-only; not Supabase), started once by test/support/globalSetup.ts and read in tests with
 * `inject('services')` or `testServices()`. Tests that cause an outage start their own instead.
 */
import { inject } from 'vitest';
import { startNeo4j, type Neo4jServer } from './neo4j.js';
import { startPostgres, type PostgresServer } from './postgres.js';
import { startSupabaseStandin, type SupabaseStandin } from './supabase-standin.js';

export interface TestServices {
  neo4j: { uri: string; user: string; password: string };
  postgres: { connectionString: string };
  supabase: { url: string; anonKey: string; serviceRoleKey: string; publishableKey: string; secretKey: string };
}

declare module 'vitest' {
  interface ProvidedContext {
    services: TestServices;
  }
}

/** The shared services, with a clear message when the globalSetup did not run. */
export function testServices(): TestServices {
  const services = inject('services');
  if (!services) throw new Error('No shared test services: run tests through this repo\'s vitest config (npm test or npx vitest run <file>), whose globalSetup starts them');
  return services;
}

export interface RunningServices {
  services: TestServices;
  stop(): Promise<void>;
}

/** Starts all shared services in parallel; if one fails, the others are stopped before the error propagates. */
export async function startTestServices(log: (line: string) => void = () => {}): Promise<RunningServices> {
  let neo4j: Neo4jServer | undefined;
  let postgres: PostgresServer | undefined;
  let supabase: SupabaseStandin | undefined;
  const stop = async (): Promise<void> => {
    await supabase?.close();
    await Promise.allSettled([neo4j?.dispose(), postgres?.dispose()]);
  };
  try {
    const started = Date.now();
    await Promise.all([
      startNeo4j().then((s) => {
        neo4j = s;
        log(`Neo4j 5.26 at ${s.uri} (${Date.now() - started} ms)`);
      }),
      startPostgres().then(async (p) => {
        postgres = p;
        log(`PostgreSQL at 127.0.0.1:${p.port} (${Date.now() - started} ms)`);
        supabase = await startSupabaseStandin({ connectionString: p.connectionString });
        log(`Supabase stand-in (not Supabase) at ${supabase.url}`);
      }),
    ]);
    return {
      services: {
        neo4j: { uri: neo4j!.uri, user: neo4j!.user, password: neo4j!.password },
        postgres: { connectionString: postgres!.connectionString },
        supabase: {
          url: supabase!.url,
          anonKey: supabase!.anonKey,
          serviceRoleKey: supabase!.serviceRoleKey,
          publishableKey: supabase!.publishableKey,
          secretKey: supabase!.secretKey,
        },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
