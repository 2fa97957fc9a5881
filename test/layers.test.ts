/**
 * The layer rules of eslint.config.js, run inside `npm test` so CI enforces them: the core and the
 * headless host never import electron, src-main/common stays browser-safe, the renderer sees only the contract.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const layerErrors = (results: ESLint.LintResult[]) =>
  results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`));

describe('layers', () => {
  it.each([
    ['src-main/core/x.ts', "import { app } from 'electron';"],
    ['src-main/headless/x.ts', "import { app } from 'electron';"],
    ['src-main/core/x.ts', "import Store from 'electron-store';"],
    ['src-main/common/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-main/common/x.ts', "import neo4j from 'neo4j-driver';"],
    ['src-renderer/x.tsx', "import { createMonitorCore } from '../src-main/core/createMonitorCore.js';"],
    ['src-renderer/x.tsx', "import { ipcRenderer } from 'electron';"],
  ])('refuses %s: %s', async (filePath, code) => {
    expect(layerErrors(await eslint.lintText(`${code}\nexport {};\n`, { filePath }))).toHaveLength(1);
  });

  it('allows the shell to import electron and the core', async () => {
    const code = "import { app } from 'electron';\nimport { createMonitorCore } from '../core/createMonitorCore.js';\nexport { app, createMonitorCore };\n";
    expect(layerErrors(await eslint.lintText(code, { filePath: 'src-main/electron/x.ts' }))).toEqual([]);
  });

  it('holds for every source file', async () => {
    expect(layerErrors(await eslint.lintFiles(['src-main', 'src-renderer']))).toEqual([]);
  }, 120_000);
});
