/**
 * The RendererApi over ipcRenderer, built by the contract's createRendererApi so its methods and
 * channels are derived, never listed. Kept apart from preload.ts (which only exposes it) so it
 * can be tested. contextBridge drops custom Error fields, so the hint rides in the message.
 */
import type { IpcRenderer } from 'electron';
import { createRendererApi, eventChannel, methodChannel, type RendererApi } from '../common/contract.js';
import type { IpcReply } from './ipc.js';

export function errorFromReply(error: { name?: unknown; message?: unknown; hint?: unknown }): Error {
  const message = typeof error.message === 'string' ? error.message : 'The main process did not answer properly.';
  const hint = typeof error.hint === 'string' && error.hint ? error.hint : null;
  const e = new Error(hint ? `${message} — ${hint}` : message);
  e.name = typeof error.name === 'string' ? error.name : 'Error';
  return e;
}

export function createIpcRendererApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): RendererApi {
  return createRendererApi({
    call: async (name, input) => {
      const reply = (await ipc.invoke(methodChannel(name), input)) as IpcReply | undefined;
      if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw errorFromReply({});
      if (!reply.ok) throw errorFromReply(reply.error);
      return reply.value;
    },
    subscribe: (name, listener) => {
      const channel = eventChannel(name);
      // Only the payload crosses into the page: the IpcRendererEvent (with .sender) stays here.
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  });
}
