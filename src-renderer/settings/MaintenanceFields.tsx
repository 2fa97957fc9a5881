import { useState } from 'react';
import { databaseKind } from '../../src-main/common/databases.js';
import { MAINTENANCE_WINDOW_LIMIT, WEEKDAYS, type MaintenanceWindow } from '../../src-main/common/maintenance.js';
import { maintenanceWindowFrom, type EnvironmentForm, type MaintenanceInput } from '../lib/settingsForm.js';

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' };
const operatorZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Weekly backup — every Sunday 02:00–03:00 (Europe/Berlin), Neo4j", "Upgrade — 24 Dec 2026 02:00 to 04:00, whole environment". */
export function describeWindow(w: MaintenanceWindow): string {
  const scope = w.database ? databaseKind(w.database).label : 'whole environment';
  if (w.kind === 'weekly') return `${w.label} — every ${DAY_NAMES[w.day]} ${w.start}–${w.end} (${w.timeZone}), ${scope}`;
  const at = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  return `${w.label} — ${at(w.from)} to ${at(w.to)}, ${scope}`;
}

/**
 * An environment's maintenance windows: the list (each with Remove) and a small form to add one-off or weekly
 * windows. Plain labelled inputs and buttons, so it all works from the keyboard. Saved with the rest (Save).
 */
export function MaintenanceFields({ env, onChange }: { env: EnvironmentForm; onChange: (maintenance: MaintenanceWindow[]) => void }) {
  const blank: MaintenanceInput = { kind: 'weekly', label: '', database: '', from: '', to: '', day: 'sun', start: '02:00', end: '03:00', timeZone: operatorZone() };
  const [input, setInput] = useState<MaintenanceInput>(blank);
  const [error, setError] = useState<string | null>(null);
  const id = (name: string) => `maintenance-${env.key}-${name}`;
  const set = (change: Partial<MaintenanceInput>) => setInput({ ...input, ...change });
  const add = () => {
    const result = maintenanceWindowFrom(input);
    if (!result.ok) return setError(result.error);
    const scope = result.window.database;
    if (env.maintenance.filter((w) => w.database === scope).length >= MAINTENANCE_WINDOW_LIMIT) return setError(`At most ${MAINTENANCE_WINDOW_LIMIT} maintenance windows for ${scope ?? 'the environment'}; remove old ones first`);
    setError(null);
    onChange([...env.maintenance, result.window]);
    setInput({ ...blank, kind: input.kind });
  };
  return (
    <fieldset className="maintenance" data-maintenance={env.id}>
      <legend>Maintenance windows</legend>
      <p className="field-note">During a window checks go on and are recorded, but the database shows “Maintenance”, nothing is notified and uptime leaves the time out.</p>
      {env.maintenance.length === 0 ? (
        <p className="maintenance-empty">No maintenance windows.</p>
      ) : (
        <ul className="maintenance-list">
          {env.maintenance.map((w, i) => (
            <li key={`${i}-${w.label}`}>
              <span>{describeWindow(w)}</span>
              <button type="button" onClick={() => onChange(env.maintenance.filter((_, j) => j !== i))} aria-label={`Remove maintenance window ${w.label}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="maintenance-add" role="group" aria-label="Add a maintenance window">
        <label htmlFor={id('kind')}>Kind</label>
        <select id={id('kind')} value={input.kind} onChange={(e) => set({ kind: e.target.value as MaintenanceInput['kind'] })}>
          <option value="weekly">Every week</option>
          <option value="once">Once</option>
        </select>
        <label htmlFor={id('label')}>Name</label>
        <input id={id('label')} value={input.label} placeholder="Weekly backup" onChange={(e) => set({ label: e.target.value })} />
        <label htmlFor={id('database')}>For</label>
        <select id={id('database')} value={input.database} onChange={(e) => set({ database: e.target.value })}>
          <option value="">Whole environment</option>
          {env.present.map((db) => (
            <option key={db} value={db}>
              {databaseKind(db).label}
            </option>
          ))}
        </select>
        {input.kind === 'weekly' ? (
          <>
            <label htmlFor={id('day')}>Day</label>
            <select id={id('day')} value={input.day} onChange={(e) => set({ day: e.target.value })}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {DAY_NAMES[d]}
                </option>
              ))}
            </select>
            <label htmlFor={id('start')}>From</label>
            <input id={id('start')} type="time" value={input.start} onChange={(e) => set({ start: e.target.value })} />
            <label htmlFor={id('end')}>To</label>
            <input id={id('end')} type="time" value={input.end} onChange={(e) => set({ end: e.target.value })} />
          </>
        ) : (
          <>
            <label htmlFor={id('from')}>From</label>
            <input id={id('from')} type="datetime-local" value={input.from} onChange={(e) => set({ from: e.target.value })} />
            <label htmlFor={id('to')}>To</label>
            <input id={id('to')} type="datetime-local" value={input.to} onChange={(e) => set({ to: e.target.value })} />
          </>
        )}
        <p className="field-note">Times are in {input.timeZone}.</p>
        <button type="button" onClick={add}>
          Add window
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </fieldset>
  );
}
