/**
 * What a host pushes to its windows after the first whole snapshot: the snapshot's own fields and the list
 * of environments, but only the environments that changed. With 20 environments a check changes one, so a
 * push carries one environment's databases instead of forty (bench (i): each push built and sent in ≤ 5 ms).
 */
import * as z from 'zod';
import { EnvironmentIdSchema, SnapshotSchema, type EnvironmentStatus, type Snapshot } from './schemas.js';
import { ENVIRONMENT_LIMIT } from './settings-schema.js';

export const SnapshotPatchSchema = SnapshotSchema.omit({ environments: true }).extend({
  /** Every environment, in the settings' order; those not in `changed` are as the window last had them. */
  environmentIds: z.array(EnvironmentIdSchema).max(ENVIRONMENT_LIMIT),
  /** The environments whose status is new since the previous push. */
  changed: z.array(SnapshotSchema.shape.environments.element).max(ENVIRONMENT_LIMIT),
});
export type SnapshotPatch = z.infer<typeof SnapshotPatchSchema>;

/**
 * From the snapshot pushed last (null: none yet) to `next`. The core hands out the same environment object
 * while nothing in it changed, so an environment counts as changed when its object is another one.
 */
export function patchBetween(previous: Snapshot | null, next: Snapshot): SnapshotPatch {
  const before = new Map(previous?.environments.map((e) => [e.id, e]));
  const { environments, ...fields } = next;
  return { ...fields, environmentIds: environments.map((e) => e.id), changed: environments.filter((e) => before.get(e.id) !== e) };
}

/**
 * The whole snapshot again, from the one a window has and the patch pushed since; null when the window
 * lacks an environment the patch leaves out (it has none yet, or missed a push): it asks for the whole one.
 */
export function applyPatch(current: Snapshot | null, patch: SnapshotPatch): Snapshot | null {
  const known = new Map<string, EnvironmentStatus>(current?.environments.map((e) => [e.id, e]));
  for (const e of patch.changed) known.set(e.id, e);
  const environments: EnvironmentStatus[] = [];
  for (const id of patch.environmentIds) {
    const environment = known.get(id);
    if (!environment) return null;
    environments.push(environment);
  }
  const { environmentIds: _ids, changed: _changed, ...fields } = patch;
  return { ...fields, environments };
}
