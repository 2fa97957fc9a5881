/**
 * What operators said about databases — acknowledgements and mutes — kept in `<data>/attention.json`, so
 * they survive a restart and the CLI (`walltrack-monitor ack`) can set one for a running app or server to
 * pick up at its next check. The file is hostile input: at most 64 KiB, validated; one that fails is
 * ignored with a warning and replaced at the next write. Writes are atomic (temp file + rename); a write
 * that fails is logged and the state kept in memory, so nothing stops monitoring.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import type { Attention } from '../../common/attention.js';
import { MUTE_HOURS } from '../../common/attention.js';
import { EnvironmentIdSchema, FailureKindSchema, ShownDatabaseIdSchema, type DatabaseStatus, type ProbeResult } from '../../common/schemas.js';
import { ValidationError } from '../errors.js';
import { NOTICE, type Logger } from '../logging.js';

const MAX_FILE_BYTES = 64 * 1024;
/** 32 environments × a few kinds, with room: a file listing more is not ours. */
const MAX_ENTRIES = 256;

const Where = { environment: EnvironmentIdSchema, database: ShownDatabaseIdSchema };
const AckSchema = z.object({ ...Where, at: z.iso.datetime(), by: z.string().max(64).optional(), kind: FailureKindSchema.optional() });
const MuteSchema = z.object({ ...Where, until: z.iso.datetime() });
const FileSchema = z.object({
  version: z.literal(1),
  acknowledged: z.array(AckSchema).max(MAX_ENTRIES),
  muted: z.array(MuteSchema).max(MAX_ENTRIES),
});
type AttentionFile = z.infer<typeof FileSchema>;
type Ack = z.infer<typeof AckSchema>;

const same = (a: { environment: string; database: string }, environment: string, database: string) => a.environment === environment && a.database === database;

export class AttentionStore {
  private data: AttentionFile = { version: 1, acknowledged: [], muted: [] };
  /** mtime and size of the file as last read or written; another change means another process wrote it. */
  private seen = '';
  private failingWrite = false;

  constructor(private readonly options: { file: string; logger: Logger; now?: () => number }) {
    this.refresh();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Re-reads the file if another process (the CLI) changed it; true when something was read. */
  refresh(): boolean {
    let stamp: string;
    try {
      const st = statSync(this.options.file);
      stamp = `${st.mtimeMs}:${st.size}`;
      if (stamp === this.seen) return false;
      this.seen = stamp;
      if (st.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
      const parsed = FileSchema.safeParse(JSON.parse(readFileSync(this.options.file, 'utf8')));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; '));
      this.data = parsed.data;
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      this.options.logger.warn(
        { ...NOTICE, file: this.options.file, reason: (error as Error).message },
        'Acknowledgements and mutes file is unreadable and was ignored; it is replaced at the next acknowledge or mute',
      );
      return false;
    }
  }

  /** Only a failing database is acknowledged: it stays so until it answers again or fails in another way. */
  acknowledge(environment: string, status: DatabaseStatus, by?: string): void {
    if (status.status !== 'down' && status.status !== 'retrying') {
      throw new ValidationError('database', `${status.label} in "${environment}" is ${status.status.replace('_', ' ')}: only a down or retrying database can be acknowledged`);
    }
    this.refresh();
    const ack: Ack = { environment, database: status.database, at: new Date(this.now()).toISOString(), ...(by ? { by } : {}), ...(status.kind ? { kind: status.kind } : {}) };
    this.data.acknowledged = [...this.data.acknowledged.filter((a) => !same(a, environment, status.database)), ack];
    this.options.logger.info({ environment, database: status.database, kind: status.kind ?? null, by: by ?? null }, `${environment}/${status.database}: acknowledged`);
    this.write();
  }

  mute(environment: string, database: string, hours: (typeof MUTE_HOURS)[number]): void {
    this.refresh();
    const until = new Date(this.now() + hours * 3_600_000).toISOString();
    this.data.muted = [...this.data.muted.filter((m) => !same(m, environment, database)), { environment, database, until }];
    this.options.logger.info({ environment, database, until }, `${environment}/${database}: muted for ${hours} h`);
    this.write();
  }

  unmute(environment: string, database: string): void {
    this.refresh();
    this.data.muted = this.data.muted.filter((m) => !same(m, environment, database));
    this.options.logger.info({ environment, database }, `${environment}/${database}: unmuted`);
    this.write();
  }

  /**
   * A finished check ends an acknowledgement when the database answers again (recovered) or fails with a
   * kind that needs other action (see sameTrouble). True when one ended.
   */
  settle(environment: string, result: ProbeResult): boolean {
    const ack = this.data.acknowledged.find((a) => same(a, environment, result.database));
    if (!ack) return false;
    // Recovering (flap control) is not shown healthy yet: the outage it acknowledged is not over.
    if (result.state === 'recovering') return false;
    const failing = result.state === 'down' || result.state === 'retrying';
    if (failing && sameTrouble(ack.kind, result.kind)) return false;
    this.data.acknowledged = this.data.acknowledged.filter((a) => a !== ack);
    const why = failing ? `it now fails differently (${result.kind ?? 'unknown'})` : 'it answers again';
    this.options.logger.info({ environment, database: result.database, kind: result.kind ?? null }, `${environment}/${result.database}: acknowledgement ended: ${why}`);
    this.write();
    return true;
  }

  /** A database's acknowledgement and unexpired mute, for its status. */
  attentionOf(environment: string, database: string): Pick<Attention, 'acknowledged' | 'muted'> {
    const ack = this.data.acknowledged.find((a) => same(a, environment, database));
    const mute = this.data.muted.find((m) => same(m, environment, database) && Date.parse(m.until) > this.now());
    return {
      ...(ack ? { acknowledged: { at: ack.at, ...(ack.by ? { by: ack.by } : {}) } } : {}),
      ...(mute ? { muted: { until: mute.until } } : {}),
    };
  }

  /** When the next mute ends (epoch ms), or null. */
  nextExpiry(): number | null {
    const now = this.now();
    const ends = this.data.muted.map((m) => Date.parse(m.until)).filter((t) => t > now);
    return ends.length ? Math.min(...ends) : null;
  }

  private write(): void {
    const tmp = `${this.options.file}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, this.options.file);
      const st = statSync(this.options.file);
      this.seen = `${st.mtimeMs}:${st.size}`;
      if (this.failingWrite) this.options.logger.info({ file: this.options.file }, 'Acknowledgements and mutes are saved again');
      this.failingWrite = false;
    } catch (error) {
      if (!this.failingWrite) {
        this.options.logger.warn(
          { ...NOTICE, file: this.options.file, code: (error as NodeJS.ErrnoException).code ?? 'unknown' },
          'Could not save acknowledgements and mutes; they hold until the app stops. Check free space and permissions of the data folder.',
        );
      }
      this.failingWrite = true;
    }
  }
}

/**
 * Kinds that all say "cannot reach it": one outage moves between them (a pooled connection cut is a
 * server_error, the next connect is refused, a restart may see a timeout), so they keep an acknowledgement.
 * Another kind (auth_failed, database_offline, paused, …) needs other action: that is worse news.
 */
const UNREACHABLE: ReadonlySet<string> = new Set(['refused', 'timeout', 'reset', 'server_error', 'dns', 'no_route', 'unreachable_origin']);

function sameTrouble(acknowledged: string | undefined, now: string | undefined): boolean {
  return acknowledged === now || (acknowledged !== undefined && now !== undefined && UNREACHABLE.has(acknowledged) && UNREACHABLE.has(now));
}
