/**
 * The renderer API, declared once. The Electron preload, the main-process IPC handlers,
 * the browser-mode WebSocket bridge and the renderer's types are all derived from
 * `rendererContract`; nothing else lists channels or payload shapes.
 */
import * as z from 'zod';
import { HistoryRequestSchema, HistoryViewSchema, IncidentListSchema, IncidentsRequestSchema } from './history.js';
import { MUTE_HOURS } from './attention.js';
import { DatabaseIdSchema, EnvironmentIdSchema, ProbeResultSchema, SnapshotSchema } from './schemas.js';
import { SettingsFocusSchema } from './settingsFocus.js';
import { SnapshotPatchSchema } from './snapshotPatch.js';
import {
  ImportEnvRequestSchema,
  ImportPreviewSchema,
  ImportReportSchema,
  SettingsDraftSchema,
  SettingsViewSchema,
  TestConnectionRequestSchema,
} from './settings-schema.js';

export const CHANNEL_PREFIX = 'walltrack:';

const NoInput = z.undefined();

export const AppInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  /** What this host can do; the renderer hides controls the host lacks. */
  capabilities: z.object({ startAtLogin: z.boolean(), notifications: z.boolean() }),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Omitted environment = every environment. */
const Scope = { environment: EnvironmentIdSchema.optional() };

export const PauseRequestSchema = z.object({
  /** Hours to pause; omitted = until resumed. */
  hours: z.number().positive().max(24 * 7).optional(),
  ...Scope,
});
export const ScopeRequestSchema = z.object(Scope).optional();

/** One monitored database; the core checks both ids against the settings. */
export const DatabaseRefSchema = z.object({ environment: EnvironmentIdSchema, database: DatabaseIdSchema });
export const MuteRequestSchema = DatabaseRefSchema.extend({
  hours: z.union(MUTE_HOURS.map((h) => z.literal(h)) as [z.ZodLiteral<1>, z.ZodLiteral<4>, z.ZodLiteral<8>], { message: `Mute for ${MUTE_HOURS.join(', ')} hours` }),
});

export const WindowNameSchema = z.enum(['status', 'settings']);
/** A window by name, or the settings window at one field (a failing card's "Open settings"). */
export const OpenWindowRequestSchema = z.union([WindowNameSchema, z.object({ name: z.literal('settings'), focus: SettingsFocusSchema }).strict()]);

/** The diagnostics report's bound (characters); a longer one ends in a "truncated" line. */
export const DIAGNOSTICS_MAX_CHARS = 256 * 1024;
export const DiagnosticsSchema = z.string().max(DIAGNOSTICS_MAX_CHARS);

export const rendererContract = {
  methods: {
    getAppInfo: { input: NoInput, output: AppInfoSchema },
    getSnapshot: { input: NoInput, output: SnapshotSchema },
    checkNow: { input: ScopeRequestSchema, output: SnapshotSchema },
    pause: { input: PauseRequestSchema, output: SnapshotSchema },
    resume: { input: ScopeRequestSchema, output: SnapshotSchema },
    /** One database's chart series (default the last hour) and uptime over 24 h / 7 d / 30 d / 365 d, from the durable history. */
    getHistory: { input: HistoryRequestSchema, output: HistoryViewSchema },
    /** Newest first, from the durable history. */
    getIncidents: { input: IncidentsRequestSchema, output: IncidentListSchema },
    /** A down or retrying database: no red tray, no notification for it, until it recovers or fails differently. */
    acknowledge: { input: DatabaseRefSchema, output: SnapshotSchema },
    /** No notification and no red tray for it for 1, 4 or 8 hours; ends by itself. */
    mute: { input: MuteRequestSchema, output: SnapshotSchema },
    unmute: { input: DatabaseRefSchema, output: SnapshotSchema },
    getSettings: { input: NoInput, output: SettingsViewSchema },
    /** One-off probe with unsaved values; a "keep" secret uses the stored one inside main. */
    testConnection: { input: TestConnectionRequestSchema, output: ProbeResultSchema },
    saveSettings: { input: SettingsDraftSchema, output: SettingsViewSchema },
    /** What importEnv would change, by the same parser; writes nothing. */
    previewImportEnv: { input: ImportEnvRequestSchema, output: ImportPreviewSchema },
    /** Content of a .env file chosen by the user, into one environment; secrets go to the keychain. */
    importEnv: { input: ImportEnvRequestSchema, output: ImportReportSchema },
    openWindow: { input: OpenWindowRequestSchema, output: z.undefined() },
    /** One redacted text report (version, OS, host, settings without secrets, last results, state changes) to copy. */
    getDiagnostics: { input: NoInput, output: DiagnosticsSchema },
  },
  events: {
    /** The whole snapshot: the first push a window gets. */
    snapshot: SnapshotSchema,
    /** Every push after it: the snapshot's fields, and only the environments that changed (./snapshotPatch.ts). */
    snapshotPatch: SnapshotPatchSchema,
    /** The core is stopping (app quitting, server shutting down): what a window shows from now on is no longer live. */
    stopped: z.object({ at: z.iso.datetime() }),
  },
} as const;

export type RendererContract = typeof rendererContract;
export type MethodName = keyof RendererContract['methods'];
export type EventName = keyof RendererContract['events'];

type MethodDef = { input: z.ZodType; output: z.ZodType };
type InputOf<M extends MethodDef> = z.input<M['input']>;
type OutputOf<M extends MethodDef> = z.output<M['output']>;

/** What the renderer calls: `await api.pause({ hours: 1 })`, `api.onSnapshot(cb)`. */
export type RendererApi = {
  [K in MethodName]: undefined extends InputOf<RendererContract['methods'][K]>
    ? (input?: InputOf<RendererContract['methods'][K]>) => Promise<OutputOf<RendererContract['methods'][K]>>
    : (input: InputOf<RendererContract['methods'][K]>) => Promise<OutputOf<RendererContract['methods'][K]>>;
} & {
  [K in EventName as `on${Capitalize<K>}`]: (
    listener: (payload: z.output<RendererContract['events'][K]>) => void,
  ) => () => void;
};

/** What a host implements: parsed input in, output out (validated again before it leaves). */
export type RendererApiHandlers = {
  [K in MethodName]: (
    input: z.output<RendererContract['methods'][K]['input']>,
  ) => Promise<z.input<RendererContract['methods'][K]['output']>> | z.input<RendererContract['methods'][K]['output']>;
};

export const methodNames = Object.keys(rendererContract.methods) as MethodName[];

/** Methods a host answers itself (what it is, which windows it has); the core implements every other one. */
export const HOST_METHODS = ['getAppInfo', 'openWindow'] as const satisfies readonly MethodName[];
export type HostMethodName = (typeof HOST_METHODS)[number];
export type CoreMethodName = Exclude<MethodName, HostMethodName>;
export const coreMethodNames = methodNames.filter((n): n is CoreMethodName => !(HOST_METHODS as readonly string[]).includes(n));
export const eventNames = Object.keys(rendererContract.events) as EventName[];
export const methodChannel = (name: MethodName): string => `${CHANNEL_PREFIX}${name}`;
export const eventChannel = (name: EventName): string => `${CHANNEL_PREFIX}event:${name}`;
export const eventListenerName = (name: EventName): string => `on${name[0]!.toUpperCase()}${name.slice(1)}`;

export class ContractError extends Error {
  constructor(
    readonly method: string,
    readonly issues: string[],
  ) {
    super(`Rejected ${method}: ${issues.join('; ')}`);
    this.name = 'ContractError';
  }
}

/** Formats zod issues as "field.path: message" so errors name the field. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(value)'}: ${i.message}`);
}

export function parseInput<K extends MethodName>(name: K, raw: unknown): z.output<RendererContract['methods'][K]['input']> {
  const r = rendererContract.methods[name].input.safeParse(raw);
  if (!r.success) throw new ContractError(name, describeIssues(r.error));
  return r.data as z.output<RendererContract['methods'][K]['input']>;
}

export function parseOutput<K extends MethodName>(name: K, raw: unknown): z.output<RendererContract['methods'][K]['output']> {
  const r = rendererContract.methods[name].output.safeParse(raw);
  if (!r.success) throw new ContractError(`${name} (reply)`, describeIssues(r.error));
  return r.data as z.output<RendererContract['methods'][K]['output']>;
}

/**
 * Builds a RendererApi from a transport: `call` sends one method call, `subscribe` listens to one event.
 * Used by the preload (ipcRenderer) and by the browser client (WebSocket) alike.
 */
export function createRendererApi(transport: {
  call: (name: MethodName, input: unknown) => Promise<unknown>;
  subscribe: (name: EventName, listener: (payload: unknown) => void) => () => void;
}): RendererApi {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) api[name] = (input?: unknown) => transport.call(name, input);
  for (const name of eventNames) {
    api[eventListenerName(name)] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return Object.freeze(api) as RendererApi;
}
