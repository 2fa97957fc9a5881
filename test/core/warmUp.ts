/**
 * A freshly started Neo4j answers its first queries slowly (>1 s while it compiles and warms up),
 * which the monitor rightly reports as "degraded". Tests that expect "ok" warm the shared services
 * first, as a long-running server would be.
 */
import neo4j from 'neo4j-driver';
import type { TestServices } from '../support/services.js';

export async function warmUpServices(services: TestServices): Promise<void> {
  const driver = neo4j.driver(services.neo4j.uri, neo4j.auth.basic(services.neo4j.user, services.neo4j.password));
  try {
    for (let i = 0; i < 5; i++) await driver.executeQuery('RETURN 1 AS ping');
  } finally {
    await driver.close();
  }
  const headers = { apikey: services.supabase.serviceRoleKey, authorization: `Bearer ${services.supabase.serviceRoleKey}` };
  for (let i = 0; i < 3; i++) {
    await fetch(`${services.supabase.url}/auth/v1/health`, { headers });
    await fetch(`${services.supabase.url}/rest/v1/wallets?select=*&limit=1`, { headers: { ...headers, prefer: 'count=exact' } });
  }
}
