/**
 * The optional bearer token for /metrics (`--metrics-token-file`). The file is read once at start and
 * must be readable by its owner only, like an SSH key: a token other local users can read proves nothing.
 */
import { createHash } from 'node:crypto';
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';
import { ConfigurationError } from '../../core/errors.js';
import { tokensEqual } from '../browser/accessToken.js';

const MAX_FILE_BYTES = 4_096;
const MIN_TOKEN_CHARS = 16;
/** RFC 6750 b64token: what may follow "Bearer " in an Authorization header. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const HOW_TO_MAKE = 'Write one with: (umask 077; openssl rand -hex 32 > FILE)';

export interface MetricsToken {
  /** Constant-time, including the length (both sides are hashed first). */
  matches(authorization: string | undefined): boolean;
}

/** Reads and checks the token file; every problem is a ConfigurationError naming the file, never the token. */
export function readMetricsTokenFile(file: string): MetricsToken {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new ConfigurationError(`Cannot read the metrics token file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      hint: `Give --metrics-token-file an existing file. ${HOW_TO_MAKE}`,
    });
  }
  let token: string;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigurationError(`The metrics token file ${file} is not a regular file`, { hint: HOW_TO_MAKE });
    if ((stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
      throw new ConfigurationError(`The metrics token file ${file} can be read by other users (mode ${mode})`, {
        hint: `Make it readable by its owner only: chmod 600 ${file}`,
      });
    }
    if (stat.size > MAX_FILE_BYTES) {
      throw new ConfigurationError(`The metrics token file ${file} is larger than ${MAX_FILE_BYTES} bytes`, { hint: `It holds one token on one line. ${HOW_TO_MAKE}` });
    }
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    token = buffer.subarray(0, length).toString('utf8').trim();
  } finally {
    closeSync(fd);
  }
  if (token.length < MIN_TOKEN_CHARS || !B64TOKEN.test(token)) {
    throw new ConfigurationError(
      `The metrics token in ${file} must be at least ${MIN_TOKEN_CHARS} characters of A–Z, a–z, 0–9, "-._~+/" (optionally ending in "=") on one line`,
      { hint: HOW_TO_MAKE },
    );
  }
  return bearerToken(token);
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export function bearerToken(token: string): MetricsToken {
  const expected = digest(token);
  return {
    matches(authorization) {
      const m = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
      return m !== null && tokensEqual(expected, digest(m[1]!));
    },
  };
}
