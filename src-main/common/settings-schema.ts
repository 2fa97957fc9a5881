/** Non-secret settings. Secrets (Supabase key, Neo4j password) live only in the OS keychain. */
import { z } from 'zod';
import { authorityProblem, originOnlyProblem, splitEndpoint, type AuthorityProblem, type OriginOnlyProblem } from './endpointUrl.js';
import { DatabaseIdSchema } from './schemas.js';

const NEO4J_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];

/** Each says how to fix it and none quotes the value: a query, fragment or userinfo may hold a key. */
const SUPABASE_URL_PROBLEMS: Record<'scheme' | AuthorityProblem | OriginOnlyProblem, string> = {
  scheme: 'Supabase URL must start with https:// (or http:// for a local stack), e.g. https://abcd.supabase.co',
  credentials: 'Supabase URL must not contain credentials ("user:password@"); the API key belongs in SUPABASE_KEY (the Supabase API key field)',
  query:
    'Supabase URL must not have a query string ("?…"); the API key belongs in SUPABASE_KEY (the Supabase API key field), and the URL is the project URL alone, e.g. https://abcd.supabase.co',
  fragment: 'Supabase URL must not have a fragment ("#…"); use the project URL alone, e.g. https://abcd.supabase.co',
  path: 'Supabase URL must not have a path (such as /rest/v1); use the project URL alone, e.g. https://abcd.supabase.co',
  noHost: 'Supabase URL must name a host, e.g. https://abcd.supabase.co',
  host: 'Supabase URL host must be a valid host name or IP address, e.g. https://abcd.supabase.co',
  ipv6: 'Supabase URL must be scheme://host[:port], with an IPv6 address in brackets, e.g. http://[::1]:54321',
  port: 'Supabase URL port must be a whole number from 1 to 65535, e.g. http://127.0.0.1:54321',
};

const NEO4J_URI_PROBLEMS: Record<'scheme' | AuthorityProblem, string> = {
  scheme: `Neo4j URI must use one of ${NEO4J_SCHEMES.map((s) => s + '://').join(', ')}, e.g. neo4j://localhost:7687`,
  credentials:
    'Neo4j URI must not contain credentials ("user:password@"); put the user in NEO4J_USER (the Neo4j user field) and the password in NEO4J_PASSWORD (the Neo4j password field)',
  noHost: 'Neo4j URI must name a host, e.g. neo4j://localhost:7687',
  host: 'Neo4j URI host must be a valid host name or IP address, e.g. neo4j://localhost:7687',
  ipv6: 'Neo4j URI must be scheme://host[:port], with an IPv6 address in brackets, e.g. bolt://[::1]:7687',
  port: 'Neo4j URI port must be a whole number from 1 to 65535, e.g. neo4j://localhost:7687',
};

/** A trimmed endpoint URL; empty means "not set" (null). */
function endpointUrl<P extends string>(problemOf: (value: string) => P | null, messages: Record<P, string>, normalize = (s: string) => s) {
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const problem = s === '' ? null : problemOf(s);
      if (problem) ctx.addIssue({ code: 'custom', message: messages[problem] });
    })
    .transform((s) => (s === '' ? null : normalize(s)))
    .nullable()
    .default(null);
}

/** Empty string in a form means "not set". */
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const SupabaseSettingsSchema = z.object({
  url: endpointUrl(
    (s) => {
      const parts = splitEndpoint(s, ['http', 'https']);
      return parts ? (authorityProblem(parts.authority) ?? originOnlyProblem(parts.rest)) : 'scheme';
    },
    SUPABASE_URL_PROBLEMS,
    (s) => s.replace(/\/$/, ''),
  ),
  probeTable: optionalText
    // Stryker disable next-line ConditionalExpression: null would pass the pattern as the text "null" as well
    .refine((s) => s === null || /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(s), {
      message: 'Probe table must be a plain table name (letters, digits, underscore), e.g. wallets',
    })
    .default(null),
});

export const Neo4jSettingsSchema = z.object({
  uri: endpointUrl((s) => {
    const parts = splitEndpoint(s, NEO4J_SCHEMES);
    // Anything after host[:port] is the driver's business (e.g. a routing context "?policy=…").
    return parts ? authorityProblem(parts.authority) : 'scheme';
  }, NEO4J_URI_PROBLEMS),
  user: z.string().trim().min(1, 'Neo4j user must not be empty (usually "neo4j")').default('neo4j'),
  database: optionalText
    // Stryker disable next-line ConditionalExpression: null would pass the pattern as the text "null" as well
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
