/**
 * API keys for the Supabase stand-in (test-only; not Supabase).
 * Legacy keys are HS256 JWTs whose `role` claim is anon or service_role, signed with the project's
 * JWT secret; new keys are opaque `sb_publishable_…` / `sb_secret_…` strings compared exactly.
 * https://supabase.com/docs/guides/api/api-keys
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';

export type ApiRole = 'anon' | 'service_role';

export interface StandinKeys {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
}

export type KeyCheck = { ok: true; role: ApiRole } | { ok: false; reason: 'invalid' | 'expired' };

const TEN_YEARS_S = 10 * 365 * 24 * 3600;

async function legacyKey(role: ApiRole, secret: Uint8Array): Promise<string> {
  // the claims Supabase puts in legacy keys: iss, ref, role, iat, exp ~10 years ahead
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role, ref: 'standin' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('supabase')
    .setIssuedAt(now)
    .setExpirationTime(now + TEN_YEARS_S)
    .sign(secret);
}

/** Fresh keys for one stand-in instance; a given jwtSecret makes the legacy keys reproducible across restarts. */
export async function makeKeys(jwtSecret = randomBytes(32).toString('base64url')): Promise<StandinKeys> {
  const secret = new TextEncoder().encode(jwtSecret);
  return {
    jwtSecret,
    anonKey: await legacyKey('anon', secret),
    serviceRoleKey: await legacyKey('service_role', secret),
    publishableKey: `sb_publishable_${randomBytes(16).toString('base64url')}`,
    secretKey: `sb_secret_${randomBytes(16).toString('base64url')}`,
  };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Maps a presented key to the Postgres role it grants, or says why it is refused. */
export async function checkKey(keys: StandinKeys, presented: string): Promise<KeyCheck> {
  if (presented.startsWith('sb_publishable_')) return sameString(presented, keys.publishableKey) ? { ok: true, role: 'anon' } : { ok: false, reason: 'invalid' };
  if (presented.startsWith('sb_secret_')) return sameString(presented, keys.secretKey) ? { ok: true, role: 'service_role' } : { ok: false, reason: 'invalid' };
  try {
    const { payload } = await jwtVerify(presented, new TextEncoder().encode(keys.jwtSecret), { algorithms: ['HS256'] });
    if (payload.role === 'anon' || payload.role === 'service_role') return { ok: true, role: payload.role };
    return { ok: false, reason: 'invalid' };
  } catch (error) {
    return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
}
