/** The shared services the globalSetup provides: all on loopback, keys of the shapes Supabase issues. */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { testServices } from './services.js';

describe('shared test services', () => {
  const services = testServices();

  it('are all on 127.0.0.1', () => {
    const endpoints = [services.neo4j.uri, services.postgres.connectionString, services.supabase.url];
    for (const endpoint of endpoints) expect(new URL(endpoint).hostname).toBe('127.0.0.1');
  });

  it('hand out legacy JWT keys for the anon and service_role roles, and new-style keys', () => {
    expect(decodeJwt(services.supabase.anonKey)).toMatchObject({ role: 'anon', iss: 'supabase' });
    expect(decodeJwt(services.supabase.serviceRoleKey)).toMatchObject({ role: 'service_role', iss: 'supabase' });
    expect(services.supabase.publishableKey).toMatch(/^sb_publishable_[A-Za-z0-9_-]{16,}$/);
    expect(services.supabase.secretKey).toMatch(/^sb_secret_[A-Za-z0-9_-]{16,}$/);
  });
});
