/** What the import preview and its outcome say, word for word; secrets by name only. */
import type { ImportPreview } from '../../src-main/common/settings-schema.js';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "Import into Staging (staging)" or, for one the import creates, "Import into the new environment dev (dev)". */
export function previewHeading(p: ImportPreview): string {
  return `Import into ${p.newEnvironment ? 'the new environment ' : ''}${p.environmentName} (${p.environment})`;
}

/** One line per change, then what is skipped and why; unchanged settings are not listed. */
export function previewLines(p: ImportPreview): { changes: string[]; skipped: string[] } {
  const changes = [
    ...p.settings.map((s) => `${s.name}: ${s.old ?? 'not set'} → ${s.new}`),
    ...p.secrets.map((s) => `${s.name}: ${s.change === 'replace' ? 'will replace the stored one' : 'new'}`),
  ];
  const unused = p.unused.names.length === 0 ? [] : [`Not used: ${p.unused.names.join(', ')}${p.unused.more > 0 ? ` and ${p.unused.more} more` : ''}`];
  return { changes, skipped: [...unused, ...p.ignored.map((i) => `${i.name}: ${i.reason}`)] };
}

/** Whether confirming would write anything (a new environment is created even when empty). */
export const previewChangesSomething = (p: ImportPreview): boolean => p.newEnvironment || p.settings.length + p.secrets.length > 0;

/** After the confirmed import: "Imported 3 settings and 2 secrets into Staging". */
export function importedSentence(p: ImportPreview): string {
  return `Imported ${count(p.settings.length, 'setting')} and ${count(p.secrets.length, 'secret')} into ${p.environmentName}`;
}
