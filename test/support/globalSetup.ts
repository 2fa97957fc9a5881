/**
 * vitest globalSetup: once per run, a private Secret Service (D-Bus + gnome-keyring) whose bus
 * address every test worker inherits, and the shared real services provided as 'services'.
 * Teardown runs after the run, pass or fail; process-cleanup covers interrupts.
 */
import type { TestProject } from 'vitest/node';
import { startPrivateKeyring, usingPrivateKeyring, type PrivateKeyring } from './keyring.js';
import { startTestServices } from './services.js';

const log = (line: string): void => console.log(`[test services] ${line}`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let keyring: PrivateKeyring | undefined;
  if (!usingPrivateKeyring()) {
    keyring = await startPrivateKeyring();
    // workers are forked after globalSetup and copy process.env, so they all get the private bus
    Object.assign(process.env, keyring.env);
    log(`private Secret Service (gnome-keyring) on ${keyring.env.DBUS_SESSION_BUS_ADDRESS}`);
  }
  try {
    const running = await startTestServices(log);
    project.provide('services', running.services);
    return async () => {
      await running.stop();
      await keyring?.stop();
    };
  } catch (error) {
    await keyring?.stop();
    throw error;
  }
}
