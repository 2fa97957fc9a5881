#!/usr/bin/env node
// After `stryker run` (npm run mutation): per-file mutation scores from Stryker's JSON report, checked
// against per-file minimums. Stryker's own `thresholds.break` is one global number; this fails the run
// when any single file is under its minimum and names every such file.
// Score = (killed + timed out) ÷ (killed + timed out + survived + no coverage); mutants disabled with a
// `// Stryker disable` comment (status Ignored) and ones that do not compile are not counted.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reportFile = path.join(root, 'reports', 'mutation', 'mutation.json');

const DEFAULT_MINIMUM = 90;
/** Code that handles secrets (or keeps them out of messages) must hold a higher bar. */
const MINIMUMS = {
  'src-main/core/probes/redact.ts': 95,
  'src-main/core/credentials/Secret.ts': 95,
  'src-main/core/credentials/envImport.ts': 95,
  'src-main/core/settings/envVariables.ts': 95,
};

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Every file's counts and score (null when it has no countable mutant). */
export function fileScores(report) {
  return Object.entries(report.files)
    .map(([file, { mutants }]) => {
      const relative = path.isAbsolute(file) ? path.relative(root, file) : file;
      const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
      const undetected = mutants.filter((m) => UNDETECTED.has(m.status)).length;
      const ignored = mutants.filter((m) => m.status === 'Ignored').length;
      const total = detected + undetected;
      return { file: relative.split(path.sep).join('/'), detected, undetected, ignored, total, score: total ? (100 * detected) / total : null };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

export function minimumFor(file) {
  return MINIMUMS[file] ?? DEFAULT_MINIMUM;
}

function main() {
  if (!fs.existsSync(reportFile)) {
    console.error(`[mutation] no report at ${path.relative(root, reportFile)}: run \`npx stryker run\` first`);
    process.exit(2);
  }
  const scores = fileScores(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
  const failing = scores.filter((s) => s.score !== null && s.score < minimumFor(s.file));
  const rows = scores.map((s) => {
    const score = s.score === null ? '   -  ' : `${s.score.toFixed(1).padStart(5)}%`;
    const mark = failing.includes(s) ? `  UNDER ${minimumFor(s.file)}%` : '';
    return `  ${score}  ${String(s.detected).padStart(4)}/${String(s.total).padEnd(4)} ignored ${String(s.ignored).padStart(2)}  ${s.file}${mark}`;
  });
  console.log(`[mutation] per-file scores (minimum ${DEFAULT_MINIMUM}%, secret handling ${MINIMUMS['src-main/core/probes/redact.ts']}%):\n${rows.join('\n')}`);
  if (failing.length) {
    console.error(`[mutation] ${failing.length} file(s) under their minimum:`);
    for (const s of failing) console.error(`  ${s.file}: ${s.score.toFixed(1)}% < ${minimumFor(s.file)}% (${s.undetected} mutant(s) survived; see reports/mutation/mutation.html)`);
    process.exit(1);
  }
  console.log('[mutation] every file meets its minimum');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
