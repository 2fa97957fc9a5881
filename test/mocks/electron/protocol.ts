/** Electron's protocol: privileged schemes before ready, handlers once ready. Part of the electron fake (test/mocks/electron.ts). */
import type {
  Protocol,
  CustomScheme,
} from 'electron';
import { requireReady } from './app.js';

class FakeProtocol implements Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'> {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    this.privileged.push(...customSchemes);
  }
  /**
   * Like Electron: only once ready, once per scheme, and a handler that resolves to anything but
   * a Response fails the request (the stored handler throws a TypeError then).
   */
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    requireReady('protocol.handle');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, async (request) => {
      const response: unknown = await handler(request);
      if (!(response instanceof Response)) throw new TypeError(`protocol.handle('${scheme}') handler must return a Response, got ${Object.prototype.toString.call(response)}`);
      return response;
    });
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
}
export let protocol = new FakeProtocol();

/** A fresh protocol for the next test (importers see it: `let` exports are live). */
export function resetProtocol(): void {
  protocol = new FakeProtocol();
}
