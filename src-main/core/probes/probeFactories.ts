/**
 * The probe of each kind in the registry (common/databases.ts): a new kind is its registry entry
 * plus one factory here. A factory gets the kind's settings section (endpoint set), its secret and
 * the per-check timeout.
 */
import { neo4jKind, supabaseKind, type DatabaseId, type DatabaseKind } from '../../common/databases.js';
import type { DatabaseSection } from '../../common/settings-schema.js';
import type { Secret } from '../credentials/Secret.js';
import { Neo4jProbe } from './Neo4jProbe.js';
import type { Probe } from './Probe.js';
import { SupabaseProbe } from './SupabaseProbe.js';
import { projectRefOf } from './supabaseManagement.js';

/** `extras`: the kind's extra secrets (registry `extraSecrets`) by name, null when not stored. */
export type ProbeFactory = (section: DatabaseSection, secret: Secret, timeoutMs: number, extras?: Record<string, Secret | null>) => Probe;

/** A kind's section with its own field names, so a renamed field in the registry fails to compile here. */
type SectionOf<K extends DatabaseKind> = Record<K['endpoint']['key'] | K['options'][number]['key'], string | null>;
const fields = <K extends DatabaseKind>(_kind: K, section: DatabaseSection) => section as SectionOf<K>;

export const PROBE_FACTORIES: Record<DatabaseId, ProbeFactory> = {
  [supabaseKind.id]: (section, key, timeoutMs, extras = {}) => {
    const s = fields(supabaseKind, section);
    const [tokenField] = supabaseKind.extraSecrets;
    const token = extras[tokenField.name] ?? null;
    const ref = s.projectRef ?? projectRefOf(s.url!);
    // Only with a token and a ref: a user who configures neither gets the checks of before.
    const management = token && ref ? { apiUrl: s.managementApiUrl ?? tokenField.sentTo.whenEmpty, ref, token } : null;
    return new SupabaseProbe({ url: s.url!, key, probeTable: s.probeTable, timeoutMs, management });
  },
  [neo4jKind.id]: (section, password, timeoutMs) => {
    const s = fields(neo4jKind, section);
    return new Neo4jProbe({ uri: s.uri!, user: s.user!, password, database: s.database, timeoutMs });
  },
};
