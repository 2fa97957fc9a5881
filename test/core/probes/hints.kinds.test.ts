/** The hint for every database and failure kind, written out, and the host:port each one names. */
import { describe, expect, it } from 'vitest';
import { hintFor } from '../../../src-main/core/probes/hints.js';

describe('neo4j hints', () => {
  const at = 'bolt://db.internal:7688';
  it.each([
    ['not_configured', 'Set Settings → Neo4j → URI, User and Password (or import a .env file)'],
    ['invalid_config', 'Check Settings → Neo4j → URI (e.g. neo4j://localhost:7687) and Settings → Neo4j → Database'],
    ['dns', 'Cannot resolve db.internal:7688: check the host in Settings → Neo4j → URI and your network or DNS'],
    ['refused', 'Is Neo4j running on db.internal:7688? Start it, or correct Settings → Neo4j → URI'],
    ['tls', 'Check encryption: neo4j+s:// or bolt+s:// need a trusted certificate, +ssc accepts a self-signed one, neo4j:// and bolt:// are unencrypted'],
    ['timeout', 'Neo4j at db.internal:7688 did not answer in time: check the server load, firewall or VPN, or raise Settings → Checks → Timeout'],
    ['reset', 'The connection to db.internal:7688 was cut mid-conversation: check proxies, firewalls or a VPN on the way to Neo4j, and the Neo4j log'],
    ['auth_failed', 'Check Settings → Neo4j → User and Password'],
    ['server_error', 'Neo4j at db.internal:7688 accepted the connection but failed: check the server log and that the database is online'],
    ['unknown', 'Check Settings → Neo4j → URI and the network path to the server'],
  ] as const)('%s: %s', (kind, hint) => {
    expect(hintFor('neo4j', kind, at)).toBe(hint);
  });

  it('names the default port 7687, the raw target when it does not parse, or "the configured host"', () => {
    expect(hintFor('neo4j', 'refused', 'neo4j://db.internal')).toBe('Is Neo4j running on db.internal:7687? Start it, or correct Settings → Neo4j → URI');
    expect(hintFor('neo4j', 'refused', 'db internal')).toBe('Is Neo4j running on db internal? Start it, or correct Settings → Neo4j → URI');
    expect(hintFor('neo4j', 'refused', null)).toBe('Is Neo4j running on the configured host? Start it, or correct Settings → Neo4j → URI');
    expect(hintFor('neo4j', 'dns', '')).toBe('Cannot resolve the configured host: check the host in Settings → Neo4j → URI and your network or DNS');
  });
});

describe('supabase hints', () => {
  const at = 'https://abcd.supabase.co:8443';
  it.each([
    ['not_configured', 'Set Settings → Supabase → URL and API key (or import a .env file)'],
    ['invalid_config', 'Check Settings → Supabase → URL (e.g. https://abcd.supabase.co) and Settings → Supabase → Probe table'],
    ['dns', 'Cannot resolve abcd.supabase.co:8443: check Settings → Supabase → URL and your network or DNS'],
    ['refused', 'Nothing is listening on abcd.supabase.co:8443: check Settings → Supabase → URL, or start the local Supabase stack'],
    ['tls', 'TLS to abcd.supabase.co:8443 failed: check the certificate (or a proxy intercepting HTTPS); use http:// only for a local stack'],
    ['timeout', 'Supabase at abcd.supabase.co:8443 did not answer in time: check the network, firewall or VPN, or raise Settings → Checks → Timeout'],
    ['reset', 'The connection to abcd.supabase.co:8443 was cut before the answer was complete: check proxies, firewalls or a VPN on the way to Supabase'],
    ['auth_failed', 'Check Settings → Supabase → API key (anon, service_role or sb_ key)'],
    ['server_error', 'Supabase answered with a server error: check the project status in the Supabase dashboard and its database'],
    ['unknown', 'Check Settings → Supabase → URL and the network path to Supabase'],
  ] as const)('%s: %s', (kind, hint) => {
    expect(hintFor('supabase', kind, at)).toBe(hint);
  });

  it('names port 443 for https and 80 for http when the URL has none', () => {
    expect(hintFor('supabase', 'refused', 'https://abcd.supabase.co')).toContain(' abcd.supabase.co:443:');
    expect(hintFor('supabase', 'refused', 'http://127.0.0.1')).toContain(' 127.0.0.1:80:');
    expect(hintFor('supabase', 'refused', null)).toContain(' the configured host:');
    expect(hintFor('supabase', 'refused', 'HTTP://127.0.0.1')).toContain(' 127.0.0.1:80:');
  });

  it('a scheme with no default port and a kind with none names the host alone', () => {
    expect(hintFor('supabase', 'dns', 'ftp://files.example.com')).toBe('Cannot resolve files.example.com: check Settings → Supabase → URL and your network or DNS');
  });

  it('the project-URL hint names the field and an example', () => {
    expect(hintFor('supabase', 'not_project_url', null)).toBe('Settings → Supabase → URL must be the project URL itself, e.g. https://abcd.supabase.co');
  });
});

describe('a kind not in the registry', () => {
  it('is refused, naming the known ones', () => {
    expect(() => hintFor('mysql', 'dns', null)).toThrow('Unknown database kind "mysql" (known: supabase, neo4j)');
  });
});
