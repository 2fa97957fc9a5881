/**
 * `check` through the real bin with the Supabase access token from the variables (SUPABASE_ACCESS_TOKEN,
 * or WALLTRACK_<ENV>_SUPABASE_ACCESS_TOKEN with --config): the project's services reach the table and
 * --json, against this file's own Supabase stand-in (its Management API on a second port).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../src-main/common/schemas.js';
import { testServices } from '../support/services.js';
import { STANDIN_REF, startSupabaseStandin, type SupabaseStandin } from '../support/supabase-standin.js';
import { runBin } from './cliHarness.js';

let supabase: SupabaseStandin;
const dataDir = mkdtempSync(join(tmpdir(), 'wt-check-token-'));

beforeAll(async () => {
  supabase = await startSupabaseStandin({ connectionString: testServices().postgres.connectionString });
});
afterAll(async () => {
  await supabase?.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  supabase.project.services.realtime = 'ACTIVE_HEALTHY';
  supabase.management.requests.length = 0;
});

const variables = () => ({
  WALLTRACK_DATA_DIR: dataDir,
  SUPABASE_URL: supabase.url,
  SUPABASE_KEY: supabase.anonKey,
  SUPABASE_PROJECT_REF: STANDIN_REF,
  SUPABASE_MANAGEMENT_API_URL: supabase.managementUrl,
});

describe('check with a Supabase access token in the variables', () => {
  it('SUPABASE_ACCESS_TOKEN: --json carries the project and its services; the token is printed nowhere', async () => {
    supabase.project.services.realtime = 'UNHEALTHY';
    const run = await runBin(['check', '--json'], { ...variables(), SUPABASE_ACCESS_TOKEN: supabase.management.accessToken });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const db = SnapshotSchema.parse(JSON.parse(run.stdout)).environments[0]!.databases.supabase!;
    expect(db.status).toBe('healthy');
    expect(db.details?.status).toBe('ACTIVE_HEALTHY');
    expect(db.details?.parts.find((p) => p.name === 'realtime')).toEqual({ name: 'realtime', status: 'UNHEALTHY', ok: false, message: 'realtime is not answering (stand-in)' });
    expect(db.details?.parts.find((p) => p.name === 'db')).toMatchObject({ status: 'ACTIVE_HEALTHY', ok: true });
    expect(run.stdout + run.stderr).not.toContain(supabase.management.accessToken);
    expect(supabase.management.requests.length).toBeGreaterThan(0);
  });

  it('the table says which service is unhealthy, on its own line', async () => {
    supabase.project.services.realtime = 'UNHEALTHY';
    const run = await runBin(['check'], { ...variables(), SUPABASE_ACCESS_TOKEN: supabase.management.accessToken });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toContain('  default / Supabase: ACTIVE_HEALTHY; realtime UNHEALTHY (realtime is not answering (stand-in))');
    expect(run.stdout).not.toContain(supabase.management.accessToken);
  });

  it('without the token nothing asks the Management API and no line is added', async () => {
    const run = await runBin(['check', '--json'], variables());
    expect(run.code).toBe(0);
    expect(SnapshotSchema.parse(JSON.parse(run.stdout)).environments[0]!.databases.supabase!.details).toBeUndefined();
    expect(supabase.management.requests).toEqual([]);
  });

  it('--config with WALLTRACK_<ENV>_SUPABASE_ACCESS_TOKEN', async () => {
    const config = join(dataDir, 'settings.json');
    writeFileSync(
      config,
      JSON.stringify({
        version: 2,
        environments: [
          { id: 'production', name: 'Production', databases: { supabase: { url: supabase.url, projectRef: STANDIN_REF, managementApiUrl: supabase.managementUrl } } },
        ],
      }),
    );
    supabase.project.services.realtime = 'UNHEALTHY';
    const run = await runBin(['check', '--config', config], {
      WALLTRACK_DATA_DIR: dataDir,
      WALLTRACK_PRODUCTION_SUPABASE_KEY: supabase.anonKey,
      WALLTRACK_PRODUCTION_SUPABASE_ACCESS_TOKEN: supabase.management.accessToken,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toContain('  Production / Supabase: ACTIVE_HEALTHY; realtime UNHEALTHY (realtime is not answering (stand-in))');
  });
});
