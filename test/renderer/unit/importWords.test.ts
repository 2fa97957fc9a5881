import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../src-main/common/settings-schema.js';
import { importedSentence, previewChangesSomething, previewHeading, previewLines } from '../../../src-renderer/lib/importWords.js';

const preview = (over: Partial<ImportPreview> = {}): ImportPreview => ({
  environment: 'staging',
  environmentName: 'Staging',
  newEnvironment: false,
  settings: [],
  secrets: [],
  unused: { names: [], more: 0 },
  ignored: [],
  fingerprint: 'a'.repeat(64),
  ...over,
});

describe('import preview words', () => {
  it('lists settings old → new, secrets as replace/new, unknown names on one line, skipped lines with their reason', () => {
    const p = preview({
      settings: [
        { name: 'NEO4J_URI', old: 'bolt://a:7687', new: 'bolt://b:7687' },
        { name: 'SUPABASE_URL', old: null, new: 'https://x.supabase.co' },
      ],
      secrets: [
        { name: 'NEO4J_PASSWORD', change: 'replace' },
        { name: 'SUPABASE_KEY', change: 'new' },
      ],
      unused: { names: ['FOO', 'BAR'], more: 0 },
      ignored: [{ name: 'line 4', reason: 'not a KEY=value line; skipped' }],
    });
    expect(previewLines(p)).toEqual({
      changes: ['NEO4J_URI: bolt://a:7687 → bolt://b:7687', 'SUPABASE_URL: not set → https://x.supabase.co', 'NEO4J_PASSWORD: will replace the stored one', 'SUPABASE_KEY: new'],
      skipped: ['Not used: FOO, BAR', 'line 4: not a KEY=value line; skipped'],
    });
    expect(previewLines(preview({ unused: { names: ['A', 'B'], more: 7 } })).skipped).toEqual(['Not used: A, B and 7 more']);
  });

  it('names the environment, and counts in the singular and plural', () => {
    expect(previewHeading(preview())).toBe('Import into Staging (staging)');
    expect(previewHeading(preview({ environment: 'dev', environmentName: 'dev', newEnvironment: true }))).toBe('Import into the new environment dev (dev)');
    const one = { name: 'NEO4J_USER', old: null, new: 'neo4j' };
    expect(importedSentence(preview({ settings: [one, one, one], secrets: [{ name: 'A', change: 'new' }, { name: 'B', change: 'replace' }] }))).toBe('Imported 3 settings and 2 secrets into Staging');
    expect(importedSentence(preview({ settings: [one], secrets: [{ name: 'A', change: 'new' }] }))).toBe('Imported 1 setting and 1 secret into Staging');
    expect(importedSentence(preview())).toBe('Imported 0 settings and 0 secrets into Staging');
  });

  it('has nothing to confirm when an existing environment would not change; a new one is still created', () => {
    expect(previewChangesSomething(preview())).toBe(false);
    expect(previewChangesSomething(preview({ newEnvironment: true }))).toBe(true);
    expect(previewChangesSomething(preview({ secrets: [{ name: 'A', change: 'replace' }] }))).toBe(true);
  });
});
