/** Non-secret settings. Secrets (Supabase key, Neo4j password) live only in the OS keychain. */
import * as z from 'zod';
import { DATABASE_KINDS, emptySection, kindSettingsSchema, secretNames, type SecretName } from './databases.js';
import { MaintenanceWindowsSchema } from './maintenance.js';
import { DatabaseIdSchema, EnvironmentIdSchema } from './schemas.js';

export type { SecretName };

/** One kind's settings section, e.g. { url, probeTable } for Supabase; fields and messages come from the registry. */
export type DatabaseSection = Record<string, string | null>;

/** Every kind of the registry, each optional: an absent kind is not monitored in that environment. */
export const EnvironmentDatabasesSchema = z
  .object(Object.fromEntries(DATABASE_KINDS.map((k) => [k.id, kindSettingsSchema(k).optional()])))
  .strict() as unknown as z.ZodType<Partial<Record<string, DatabaseSection>>, Partial<Record<string, Partial<DatabaseSection>>>>;

export const ENVIRONMENT_LIMIT = 32;
export const DEFAULT_ENVIRONMENT_ID = 'default';

export const EnvironmentSettingsSchema = z.object({
  id: EnvironmentIdSchema,
  name: z.string().trim().min(1, 'Environment name must not be empty, e.g. Production').max(60, 'Environment name must be at most 60 characters'),
  /** Shown beside the name; "#rrggbb" or none. */
  colour: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'Environment colour must be #rrggbb, e.g. #d33682')
    .nullable()
    .default(null),
  databases: EnvironmentDatabasesSchema,
  /** Maintenance windows of the environment or of one of its databases (absent = none; see ../common/maintenance.ts). */
  maintenance: MaintenanceWindowsSchema.optional(),
}).superRefine((env, ctx) => {
  env.maintenance?.forEach((w, i) => {
    if (w.database !== undefined && !(w.database in env.databases)) {
      ctx.addIssue({ code: 'custom', path: ['maintenance', i, 'database'], message: `Maintenance window "${w.label}" is for ${w.database}, which environment "${env.id}" does not monitor` });
    }
  });
});
export type EnvironmentSettings = z.infer<typeof EnvironmentSettingsSchema>;

/** Today's first-run environment: every kind present and not configured. */
export function defaultEnvironment(): EnvironmentSettings {
  return {
    id: DEFAULT_ENVIRONMENT_ID,
    name: 'default',
    colour: null,
    databases: Object.fromEntries(DATABASE_KINDS.map((k) => [k.id, emptySection(k)])),
  };
}

export const MonitorSettingsSchema = z
  .object({
    intervalSec: z.number().min(1, 'Check interval must be at least 1 second').max(86_400, 'Check interval must be at most 86400 seconds (one day)').default(30),
    timeoutMs: z
      .number()
      .int('Timeout must be a whole number of milliseconds')
      .min(100, 'Timeout must be at least 100 ms')
      .max(120_000, 'Timeout must be at most 120000 ms (2 minutes)')
      .default(5_000),
    retries: z
      .number()
      .int('Retries must be a whole number between 0 and 10')
      .min(0, 'Retries must be between 0 and 10')
      .max(10, 'Retries must be between 0 and 10')
      .default(2),
    backoffInitialMs: z
      .number()
      .int('First backoff delay must be a whole number of milliseconds')
      .min(10, 'First backoff delay must be at least 10 ms')
      .max(60_000, 'First backoff delay must be at most 60000 ms (1 minute)')
      .default(1_000),
    backoffMaxMs: z
      .number()
      .int('Backoff cap must be a whole number of milliseconds')
      .min(10, 'Backoff cap must be at least 10 ms')
      .max(300_000, 'Backoff cap must be at most 300000 ms (5 minutes)')
      .default(4_000),
    slowMs: z
      .number()
      .int('Slow threshold must be a whole number of milliseconds')
      .min(1, 'Slow threshold must be at least 1 ms')
      .max(120_000, 'Slow threshold must be at most 120000 ms (2 minutes)')
      .default(1_000),
    /** Flap control (Gatus' success-threshold): checks in a row that must answer before a down database is shown healthy. */
    recoverySuccesses: z
      .number()
      .int('Successes before recovered must be a whole number between 1 and 10')
      .min(1, 'Successes before recovered must be between 1 and 10')
      .max(10, 'Successes before recovered must be between 1 and 10')
      .default(2),
  })
  .refine((m) => m.backoffMaxMs >= m.backoffInitialMs, {
    message: 'Backoff cap must be at least the first backoff delay',
    path: ['backoffMaxMs'],
  });

export const AppSettingsSchema = z.object({
  notifications: z.boolean().default(true),
  startAtLogin: z.boolean().default(false),
});

export const SETTINGS_VERSION = 2;

export const SettingsSchema = z.object({
  /** 2 = environments; files without it are version 1 (one unnamed pair) and are migrated on start. */
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  environments: z
    .array(EnvironmentSettingsSchema)
    .min(1, 'At least one environment is needed')
    .max(ENVIRONMENT_LIMIT, `At most ${ENVIRONMENT_LIMIT} environments can be monitored`)
    .superRefine((envs, ctx) => {
      const seen = new Set<string>();
      envs.forEach((env, i) => {
        if (seen.has(env.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Environment id "${env.id}" is used twice; each environment needs its own id` });
        seen.add(env.id);
      });
    })
    .default(() => [defaultEnvironment()]),
  monitor: MonitorSettingsSchema.default({
    intervalSec: 30,
    timeoutMs: 5_000,
    retries: 2,
    backoffInitialMs: 1_000,
    backoffMaxMs: 4_000,
    slowMs: 1_000,
    recoverySuccesses: 2,
  }),
  app: AppSettingsSchema.default({ notifications: true, startAtLogin: false }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const SecretNameSchema = z.enum(secretNames() as [SecretName, ...SecretName[]]);

/** A secret edit from a form: keep what the keychain has, replace it, or remove it. Never a read. */
export const SecretEditSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }),
  z.object({ action: z.literal('replace'), value: z.string().min(1, 'A new secret must not be empty').max(8_192, 'A secret must be at most 8192 characters') }),
  z.object({ action: z.literal('remove') }),
]);
export type SecretEdit = z.infer<typeof SecretEditSchema>;

/** Per environment, per secret; absent = keep. */
export const SecretEditsSchema = z.record(EnvironmentIdSchema, z.partialRecord(SecretNameSchema, SecretEditSchema)).default({});
export type SecretEdits = z.infer<typeof SecretEditsSchema>;

export const SecretPresenceSchema = z.enum(['stored', 'not_set']);
export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  /** Per environment, per secret of each kind the environment configures. */
  secrets: z.record(EnvironmentIdSchema, z.partialRecord(SecretNameSchema, SecretPresenceSchema)),
  paths: z.object({ settingsFile: z.string(), logFile: z.string() }),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SettingsDraftSchema = z.object({
  settings: SettingsSchema,
  secrets: SecretEditsSchema,
  /**
   * Environments the operator confirmed removing (their secrets are deleted from the keychain).
   * A saved environment missing from `settings` and not listed here is refused, so no draft drops one by accident.
   */
  removeEnvironments: z.array(EnvironmentIdSchema).max(ENVIRONMENT_LIMIT).default([]),
});
export type SettingsDraft = z.infer<typeof SettingsDraftSchema>;
export type SettingsDraftInput = z.input<typeof SettingsDraftSchema>;

/** A one-off probe of one database of one environment, with the form's unsaved values. */
export const TestConnectionRequestSchema = SettingsDraftSchema.extend({ environment: EnvironmentIdSchema, database: DatabaseIdSchema });
export type TestConnectionRequest = z.infer<typeof TestConnectionRequestSchema>;

/** Where an imported .env goes: an existing environment, or a new one (e.g. named after the file). */
export const ImportTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('existing'), id: EnvironmentIdSchema }),
  z.object({ kind: z.literal('new'), id: EnvironmentIdSchema, name: EnvironmentSettingsSchema.shape.name }),
]);
export type ImportTarget = z.infer<typeof ImportTargetSchema>;
export const ImportEnvRequestSchema = z.object({
  content: z.string().max(256 * 1024, { message: 'The .env file is larger than 256 KB; import a smaller file' }),
  into: ImportTargetSchema,
  /**
   * The `fingerprint` of the preview the operator confirmed: the import is refused, writing nothing,
   * if what it would change (or the stored state it starts from) is no longer what that preview showed.
   */
  previewed: z.string().regex(/^[0-9a-f]{64}$/, { message: 'previewed must be the fingerprint of a preview' }).optional(),
});
export type ImportEnvRequest = z.infer<typeof ImportEnvRequestSchema>;

/** What an import would change, computed by the import's own parser; carries no secret value (not even its length). */
export const ImportPreviewSchema = z.object({
  environment: EnvironmentIdSchema,
  environmentName: EnvironmentSettingsSchema.shape.name,
  newEnvironment: z.boolean(),
  /** Settings whose value would change; unchanged ones are left out. `old` is null when unset. */
  settings: z.array(z.object({ name: z.string(), old: z.string().nullable(), new: z.string() })),
  /** Names only: "replace" a stored secret, or a "new" one. */
  secrets: z.array(z.object({ name: z.string(), change: z.enum(['replace', 'new']) })),
  /** Variables the app does not use, in file order: the first few names, then how many more. */
  unused: z.object({ names: z.array(z.string()).max(20), more: z.number().int().min(0) }),
  /** Lines skipped: not KEY=value (named "line N"), empty values, an unclosed quote. */
  ignored: z.array(z.object({ name: z.string(), reason: z.string() })),
  /** Send back as `previewed` to import exactly this. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportReportSchema = z.object({
  environment: EnvironmentIdSchema,
  settings: z.array(z.object({ name: z.string(), value: z.string() })),
  /** Names only: a secret's value is never echoed back. */
  secrets: z.array(z.object({ name: z.string(), stored: z.boolean() })),
  ignored: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
