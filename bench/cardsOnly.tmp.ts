import { startNeo4j } from '../test/support/neo4j.js';
import { startPostgres } from '../test/support/postgres.js';
import { startSupabaseStandin } from '../test/support/supabase-standin.js';
import { fortyCards } from './fortyCards.js';
const server = await startNeo4j();
const postgres = await startPostgres();
const supabase = await startSupabaseStandin({ connectionString: postgres.connectionString });
try {
  console.log(await fortyCards({ neo4j: { uri: server.uri, user: server.user, password: server.password }, supabase: { url: supabase.url, key: supabase.serviceRoleKey } }));
} finally {
  await supabase.close(); await postgres.dispose(); await server.dispose();
}
process.exit(0);
