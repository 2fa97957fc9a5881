/** The browser-mode handshake is a wire format shared by the host and already-printed URLs: its values written out. */
import { expect, it } from 'vitest';
import { AUTH_OK, AUTH_REFUSED_CLOSE_CODE, TOKEN_FRAGMENT_KEY } from '../../src-main/common/browserModeHandshake.js';

it('token in #token=…, answered {type: auth, ok: true}, refused with close code 1008', () => {
  expect(TOKEN_FRAGMENT_KEY).toBe('token');
  expect(AUTH_OK).toEqual({ type: 'auth', ok: true });
  expect(AUTH_REFUSED_CLOSE_CODE).toBe(1008);
});
