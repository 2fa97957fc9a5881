import type { NotifiableChange } from '../../src-main/common/notificationPolicy.js';
import type { Snapshot } from '../../src-main/common/schemas.js';

/**
 * The state changes between two snapshots, as the core's stateChange events would have told them: a
 * window only receives snapshots. The first snapshot (nothing before it) changes nothing.
 */
export function snapshotChanges(before: Snapshot | null, after: Snapshot): NotifiableChange[] {
  if (!before) return [];
  const offline = after.connectivity?.online === false;
  return after.environments.flatMap((env) => {
    const was = before.environments.find((e) => e.id === env.id);
    if (!was) return [];
    return Object.values(env.databases).flatMap((d) => {
      const from = d && was.databases[d.database]?.status;
      if (!d || from === undefined || from === d.status) return [];
      const change: NotifiableChange = {
        environment: { id: env.id, name: env.name },
        database: d.database,
        to: d.status,
        result: { message: d.message, hint: d.hint, latencyMs: d.latencyMs },
      };
      return [offline ? { ...change, offline: true as const } : change];
    });
  });
}
