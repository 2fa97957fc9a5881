/**
 * The diagnostics report's last pass: whatever a message, a setting or a file put into it, no credential
 * leaves. Known secret values become ***, and so does anything shaped like one: URL userinfo, credential
 * query parameters and bearer tokens.
 */
export const MASK = '***';

/** Query parameters that carry a credential in the services this app talks to (Supabase's apikey, tokens, passwords). */
const CREDENTIAL_PARAMS = 'apikey|api_key|api-key|key|token|access_token|refresh_token|id_token|password|passwd|pwd|pass|secret|client_secret|auth|authorization|sig|signature|jwt';
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/gi;
// A value ends where the URL does: at the next parameter, a fragment, a blank or a quote around the URL.
const QUERY_CREDENTIAL = new RegExp(`([?&;](?:${CREDENTIAL_PARAMS})=)[^&#;\\s"'<>]*`, 'gi');
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** Shorter values would mask ordinary words; the patterns above still cover where such a secret sits. */
const MIN_SECRET_LENGTH = 4;

export function redactReport(text: string, secrets: readonly string[]): string {
  let out = text;
  const values = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  for (const value of values) {
    for (const form of new Set([value, encodeURIComponent(value)])) out = out.split(form).join(MASK);
  }
  return out.replace(USERINFO, `$1${MASK}@`).replace(QUERY_CREDENTIAL, `$1${MASK}`).replace(BEARER, `$1 ${MASK}`);
}
