/**
 * The renderer API over Electron IPC, derived from rendererContract: one ipcMain.handle per
 * contract method, nothing listed by hand. Each call: sender checked, input parsed, handler run,
 * output parsed. Replies are an envelope so errors reach the renderer as {name, message, hint}
 * only — never a stack or cause, which could carry a driver's connection details.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventChannel, methodChannel, methodNames, rendererContract, type EventName, type MethodName, type RendererApiHandlers } from '../common/contract.js';
import { describeCallError, invokeContractMethod, type CallError } from '../core/contractCalls.js';
import { WallTrackError } from '../core/errors.js';
import { errorSummary, type ShellLog } from './log.js';
import { rejectSender, type SenderPolicy } from './senderPolicy.js';

export type IpcError = CallError;
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: IpcError };

export const REJECTED_SENDER_MESSAGE = 'This window may not call the WallTrack API.';

/** What the renderer may see of an error: our own errors' message and hint; anything else is generic. */
export const toIpcError: (error: unknown) => IpcError = describeCallError;

export async function handleCall(
  name: MethodName,
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  raw: unknown,
  deps: { handlers: RendererApiHandlers; policy: SenderPolicy; log: ShellLog },
): Promise<IpcReply> {
  const refused = rejectSender(event, deps.policy);
  if (refused) {
    deps.log.warn({ method: name, reason: refused }, 'Rejected an IPC call from an untrusted sender');
    return { ok: false, error: { name: 'SecurityError', message: REJECTED_SENDER_MESSAGE } };
  }
  const reply = await invokeContractMethod(deps.handlers, name, raw);
  if (reply.ok) return reply;
  const level = reply.cause instanceof WallTrackError ? 'info' : 'warn';
  // ContractError issues name fields and zod's message, never the value itself.
  deps.log[level]({ method: name, error: errorSummary(reply.cause) }, `IPC call ${name} failed`);
  return { ok: false, error: reply.error };
}

export function setupIpc(deps: { handlers: RendererApiHandlers; policy: SenderPolicy; log: ShellLog }): () => void {
  for (const name of methodNames) {
    ipcMain.handle(methodChannel(name), (event, raw: unknown) => handleCall(name, event, raw, deps));
  }
  return () => {
    for (const name of methodNames) ipcMain.removeHandler(methodChannel(name));
  };
}

/**
 * Pushes an event to every open window, validated against the contract first. Runs inside the core's
 * emit (stop() included), so one window that cannot take it is logged, never thrown at the core.
 */
export function broadcast<E extends EventName>(targets: readonly WebContents[], name: E, payload: unknown, log: ShellLog): void {
  const parsed = rendererContract.events[name].safeParse(payload);
  if (!parsed.success) {
    log.error({ event: name }, `Not sending an invalid ${name} event to the windows`);
    return;
  }
  for (const contents of targets) {
    try {
      if (!contents.isDestroyed()) contents.send(eventChannel(name), parsed.data);
    } catch (error) {
      log.warn({ error: errorSummary(error) }, `Could not send the ${name} event to a window`);
    }
  }
}
