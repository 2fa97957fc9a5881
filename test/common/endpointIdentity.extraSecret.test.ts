import { describe, expect, it } from 'vitest';
import { supabaseKind } from '../../src-main/common/databases.js';
import { extraSecretMoved, extraSecretUrl, type EndpointFields } from '../../src-main/common/endpointIdentity.js';

const [token] = supabaseKind.extraSecrets;
const at = (managementApiUrl?: string): EndpointFields => ({ supabase: { url: 'https://abcdefghijklmnopqrst.supabase.co', ...(managementApiUrl === undefined ? {} : { managementApiUrl }) } });

describe('where the Supabase access token goes', () => {
  it('the Management API URL, or https://api.supabase.com while it is empty', () => {
    expect(extraSecretUrl('supabase', token, at('http://127.0.0.1:9000'))).toBe('http://127.0.0.1:9000');
    expect(extraSecretUrl('supabase', token, at())).toBe('https://api.supabase.com');
    expect(extraSecretUrl('supabase', token, {})).toBe('https://api.supabase.com');
  });

  it('moves when the origin changes, not for the same origin spelled otherwise', () => {
    expect(extraSecretMoved('supabase', token, at(), at('https://API.supabase.com'))).toBe(false);
    expect(extraSecretMoved('supabase', token, at(), at('https://api.supabase.com:443'))).toBe(false);
    expect(extraSecretMoved('supabase', token, at(), at('http://127.0.0.1:9000'))).toBe(true);
    expect(extraSecretMoved('supabase', token, at('http://127.0.0.1:9000'), at())).toBe(true);
    expect(extraSecretMoved('supabase', token, at('http://127.0.0.1:9000'), at('http://127.0.0.1:9001'))).toBe(true);
  });

  it('text that is not a URL matches only itself (trimmed)', () => {
    expect(extraSecretMoved('supabase', token, at('not a url'), at(' not a url '))).toBe(false);
    expect(extraSecretMoved('supabase', token, at('not a url'), at('not a URL'))).toBe(true);
  });

  it('nothing moves while the new settings do not monitor the kind', () => {
    expect(extraSecretMoved('supabase', token, at(), {})).toBe(false);
  });
});
