/**
 * Browser mode's access token inside the page (see src-main/common/browserModeHandshake.ts): taken
 * from the address (#token=…) at boot and removed from it at once; kept in sessionStorage once the
 * host accepts it. sessionStorage belongs to this origin (scheme, host and port) and this tab only,
 * so no other local server, and no other tab, can read or replace it.
 */
import { TOKEN_FRAGMENT_KEY } from '../../src-main/common/browserModeHandshake.js';

const STORAGE_KEY = 'walltrack.accessToken';
/** The host's tokens are 43 base64url characters; anything far from that shape is not worth sending. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export interface TokenSource {
  /** Tokens to offer the host, best first. */
  candidates(): string[];
  /** The host accepted this one. */
  accept(token: string): void;
}

export interface PageTokens extends TokenSource {
  /** A link to another window of this app that keeps access: a new tab starts with empty sessionStorage. */
  link(page: string): string;
}

function takeTokenFromAddress(): string | null {
  const token = new URLSearchParams(location.hash.slice(1)).get(TOKEN_FRAGMENT_KEY);
  if (token === null) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  return TOKEN_SHAPE.test(token) ? token : null;
}

/** sessionStorage, or a stand-in for this page's lifetime where the browser refuses storage. */
function tabStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    sessionStorage.getItem(STORAGE_KEY);
    return sessionStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
}

export function pageTokens(): PageTokens {
  // A token in the address is tried first (a newer run's), the stored one after it, so a token
  // planted in the address by someone else cannot lock this tab out.
  let offered = takeTokenFromAddress();
  const storage = tabStorage();
  const stored = () => storage.getItem(STORAGE_KEY);
  return {
    candidates: () => [...new Set([offered, stored()])].filter((t): t is string => t !== null),
    accept(token) {
      storage.setItem(STORAGE_KEY, token);
      offered = null;
    },
    link(page) {
      const token = stored() ?? offered;
      return token ? `${page}#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}` : page;
    },
  };
}
