#!/usr/bin/env node
// The `walltrack-monitor` command. Runs the bundled CLI when a build exists (dist/headless/cli.mjs),
// otherwise the TypeScript source through tsx (a development checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = new URL('../dist/headless/cli.mjs', import.meta.url);

let cli;
if (existsSync(fileURLToPath(built))) {
  cli = await import(built.href);
} else {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write(`walltrack-monitor: no build found in ${root}dist and tsx is not installed; run "npm run build" (or "npm install") first.\n`);
    process.exit(2);
  }
  cli = await import(pathToFileURL(`${root}src-main/headless/cli.ts`).href);
}

const code = await cli.runCli(process.argv.slice(2));
// Exit once stdout is flushed: closed database clients may leave idle handles behind.
process.stdout.write('', () => process.exit(code));
