/**
 * Run as its own process by neo4j.test.ts: starts Neo4j on the given data dir, prints
 * {"port":N} once it is ready, then idles until it is killed. The test SIGKILLs this
 * process (no exit handlers run) to prove the launcher's parent watchdog stops Neo4j.
 */
import { startNeo4j } from './neo4j.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: neo4j-orphan-fixture.ts <data dir>');
const server = await startNeo4j({ dataDir });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
setInterval(() => {}, 60_000);
