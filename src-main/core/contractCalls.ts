/**
 * One contract method call, whatever the transport (Electron IPC, browser-mode WebSocket):
 * input parsed, handler run, output parsed, and any failure reduced to what a window may see.
 */
import { ContractError, parseInput, parseOutput, type MethodName, type RendererApiHandlers } from '../common/contract.js';
import { EndpointChangedError, ValidationError, WallTrackError } from './errors.js';

export interface CallError {
  name: string;
  message: string;
  hint?: string;
  /** Dotted settings path of a ValidationError (or the secret of an EndpointChangedError), so a form can mark the field. */
  field?: string;
}
export type CallReply = { ok: true; value: unknown } | { ok: false; error: CallError; cause: unknown };

/**
 * What a window may learn of an error: our own errors (written never to hold a secret) keep their
 * message and hint; anything else gets a generic line, since a library's message can quote a connection string.
 */
export function describeCallError(error: unknown): CallError {
  if (error instanceof ContractError) {
    return { name: 'ValidationError', message: error.message, hint: 'The window sent a value the API does not accept; this is a bug.' };
  }
  if (error instanceof WallTrackError) {
    return {
      name: error.name,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error instanceof ValidationError || error instanceof EndpointChangedError ? { field: error.field } : {}),
    };
  }
  return { name: 'Error', message: 'Unexpected error in WallTrack Monitor; see its log file for details.' };
}

/** Never throws: the reply carries the original error as `cause` for the host's log, never for the window. */
export async function invokeContractMethod(handlers: RendererApiHandlers, name: MethodName, raw: unknown): Promise<CallReply> {
  try {
    const input = parseInput(name, raw);
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: parseOutput(name, await handler(input)) };
  } catch (error) {
    return { ok: false, error: describeCallError(error), cause: error };
  }
}
