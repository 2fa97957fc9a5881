#!/usr/bin/env node
// The `walltrack-monitor` command. In a development checkout (tsx installed) it runs the TypeScript
// source, so it never runs a stale build; otherwise the bundle from `npm run build` (dist/headless/cli.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = `${root}src-main/headless/cli.ts`;
const built = `${root}dist/headless/cli.mjs`;

async function loadCli() {
  if (existsSync(source)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return await import(pathToFileURL(source).href);
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    }
  }
  if (existsSync(built)) return import(pathToFileURL(built).href);
  process.stderr.write(`walltrack-monitor: neither tsx nor a build (${built}) was found; run "npm install" or "npm run build" first.\n`);
  process.exit(2);
}

const cli = await loadCli();
const code = await cli.runCli(process.argv.slice(2));
// Exit once stdout is flushed: closed database clients may leave idle handles behind.
process.stdout.write('', () => process.exit(code));
