/** Builds the renderer into a temp folder (so parallel tests never race on dist/) and sizes it. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function buildRenderer(outDir: string): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    // vitest sets NODE_ENV=test, which would bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Gzipped bytes one window loads: its HTML plus every ./assets file the HTML references. */
export function windowGzipBytes(outDir: string, html: string): number {
  const page = readFileSync(join(outDir, html), 'utf8');
  const assets = [...page.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
  return [html, ...assets].reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);
}

/** Raw and gzip -9 bytes of every file the windows load (HTML, JS, CSS). */
export function rendererSize(outDir: string): { files: number; rawBytes: number; gzipBytes: number; detail: string[] } {
  let rawBytes = 0;
  let gzipBytes = 0;
  const detail: string[] = [];
  for (const file of files(outDir)) {
    const body = readFileSync(file);
    const gz = gzipSync(body, { level: 9 }).length;
    rawBytes += body.length;
    gzipBytes += gz;
    detail.push(`${relative(outDir, file)}: ${(body.length / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB`);
  }
  return { files: detail.length, rawBytes, gzipBytes, detail };
}
