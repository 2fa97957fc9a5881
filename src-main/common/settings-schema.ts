/** Non-secret settings. Secrets (Supabase key, Neo4j password) live only in the OS keychain. */
import { z } from 'zod';
import { DatabaseIdSchema } from './schemas.js';

const NEO4J_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];

/** Empty string in a form means "not set". */
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const SupabaseSettingsSchema = z.object({
  url: z
    .string()
    .trim()
    .refine((s) => s === '' || /^https?:\/\/[^\s/]+/i.test(s), {
      message: 'Supabase URL must start with https:// (or http:// for a local stack), e.g. https://abcd.supabase.co',
    })
    .transform((s) => (s === '' ? null : s.replace(/\/+$/, '')))
    .nullable()
    .default(null),
  probeTable: optionalText
    .refine((s) => s === null || /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(s), {
      message: 'Probe table must be a plain table name (letters, digits, underscore), e.g. wallets',
    })
    .default(null),
});

export const Neo4jSettingsSchema = z.object({
  uri: z
    .string()
    .trim()
    .refine(
      (s) => {
        if (s === '') return true;
        const m = /^([a-z0-9+]+):\/\/[^\s/]+/i.exec(s);
        return m !== null && NEO4J_SCHEMES.includes(m[1]!.toLowerCase());
      },
      { message: `Neo4j URI must use one of ${NEO4J_SCHEMES.map((s) => s + '://').join(', ')}, e.g. neo4j://localhost:7687` },
    )
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
  user: z.string().trim().min(1, 'Neo4j user must not be empty (usually "neo4j")').default('neo4j'),
  database: optionalText
    .refine((s) => s === null || /^[A-Za-z][A-Za-z0-9.-]{0,62}$/.test(s), {
      message: 'Neo4j database must be a database name such as neo4j, or empty for the server default',
    })
    .default(null),
});

export const MonitorSettingsSchema = z
  .object({
    intervalSec: z.number().min(1, 'Check interval must be at least 1 second').max(86_400).default(30),
    timeoutMs: z.number().int().min(100, 'Timeout must be at least 100 ms').max(120_000).default(5_000),
    retries: z.number().int().min(0).max(10, 'Retries must be between 0 and 10').default(2),
    backoffInitialMs: z.number().int().min(10).max(60_000).default(1_000),
    backoffMaxMs: z.number().int().min(10).max(300_000).default(4_000),
    slowMs: z.number().int().min(1, 'Slow threshold must be at least 1 ms').max(120_000).default(1_000),
  })
  .refine((m) => m.backoffMaxMs >= m.backoffInitialMs, {
    message: 'Backoff cap must be at least the first backoff delay',
    path: ['backoffMaxMs'],
  });

export const AppSettingsSchema = z.object({
  notifications: z.boolean().default(true),
  startAtLogin: z.boolean().default(false),
});

export const SettingsSchema = z.object({
  supabase: SupabaseSettingsSchema.default({ url: null, probeTable: null }),
  neo4j: Neo4jSettingsSchema.default({ uri: null, user: 'neo4j', database: null }),
  monitor: MonitorSettingsSchema.default({
    intervalSec: 30,
    timeoutMs: 5_000,
    retries: 2,
    backoffInitialMs: 1_000,
    backoffMaxMs: 4_000,
    slowMs: 1_000,
  }),
  app: AppSettingsSchema.default({ notifications: true, startAtLogin: false }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export const SECRET_NAMES = ['supabaseKey', 'neo4jPassword'] as const;
export const SecretNameSchema = z.enum(SECRET_NAMES);
export type SecretName = z.infer<typeof SecretNameSchema>;

/** A secret edit from a form: keep what the keychain has, replace it, or remove it. Never a read. */
export const SecretEditSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep') }),
  z.object({ action: z.literal('replace'), value: z.string().min(1, 'A new secret must not be empty').max(8_192) }),
  z.object({ action: z.literal('remove') }),
]);
export type SecretEdit = z.infer<typeof SecretEditSchema>;

export const SecretEditsSchema = z.object({
  supabaseKey: SecretEditSchema.default({ action: 'keep' }),
  neo4jPassword: SecretEditSchema.default({ action: 'keep' }),
});
export type SecretEdits = z.infer<typeof SecretEditsSchema>;

export const SecretPresenceSchema = z.enum(['stored', 'not_set']);
export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  secrets: z.object({ supabaseKey: SecretPresenceSchema, neo4jPassword: SecretPresenceSchema }),
  paths: z.object({ settingsFile: z.string(), logFile: z.string() }),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SettingsDraftSchema = z.object({ settings: SettingsSchema, secrets: SecretEditsSchema });
export type SettingsDraft = z.infer<typeof SettingsDraftSchema>;

export const TestConnectionRequestSchema = SettingsDraftSchema.extend({ database: DatabaseIdSchema });

export const ImportReportSchema = z.object({
  settings: z.array(z.object({ name: z.string(), value: z.string() })),
  /** Names only: a secret's value is never echoed back. */
  secrets: z.array(z.object({ name: z.string(), stored: z.boolean() })),
  ignored: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
