/** The shared real services started once by the test run's globalSetup (test/support/services.ts). */
import { inject } from 'vitest';

export interface SharedServices {
  neo4j: { uri: string; user: string; password: string };
  postgres: { connectionString: string };
  supabase: { url: string; anonKey: string; serviceRoleKey: string; publishableKey: string; secretKey: string };
}

export function sharedServices(): SharedServices {
  const services = inject('services' as never) as SharedServices | undefined;
  if (!services) throw new Error('No shared services: run the tests with `npm test` (its globalSetup starts Neo4j, PostgreSQL and the Supabase stand-in)');
  return services;
}
