/** The settings window keeps and edits an environment's maintenance windows; a save from it never drops them. */
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { addMaintenanceWindow, formFromSettings, maintenanceWindowFrom, removeMaintenanceWindow, validateForm } from '../../../src-renderer/lib/settingsForm.js';

const weekly = { kind: 'weekly', label: 'Weekly backup', day: 'sun', start: '02:00', end: '03:00', timeZone: 'Europe/Berlin' } as const;
const saved = SettingsSchema.parse({
  environments: [{ id: 'production', name: 'Production', databases: { neo4j: { uri: 'bolt://db.example.com:7687' } }, maintenance: [weekly] }],
});

describe('maintenance windows in the settings form', () => {
  it('keeps the saved windows through an unrelated edit', () => {
    const result = validateForm(formFromSettings(saved));
    expect(result.ok && result.settings.environments[0]!.maintenance).toEqual([weekly]);
  });

  it('adds and removes windows; what is added passes the settings schema', () => {
    let form = formFromSettings(saved);
    const once = maintenanceWindowFrom({ kind: 'once', label: 'Upgrade', database: 'neo4j', from: '2026-12-24T02:00', to: '2026-12-24T04:00', day: 'sun', start: '', end: '', timeZone: 'UTC' });
    expect(once).toEqual({ ok: true, window: { kind: 'once', label: 'Upgrade', database: 'neo4j', from: '2026-12-24T02:00:00.000Z', to: '2026-12-24T04:00:00.000Z' } });
    if (!once.ok) throw new Error(once.error);
    form = addMaintenanceWindow(form, 'production', once.window);
    form = removeMaintenanceWindow(form, 'production', 0);
    const result = validateForm(form);
    expect(result.ok && result.settings.environments[0]!.maintenance).toEqual([{ kind: 'once', label: 'Upgrade', database: 'neo4j', from: '2026-12-24T02:00:00.000Z', to: '2026-12-24T04:00:00.000Z' }]);
  });

  it('refuses a window with the schema\'s message, naming what to fix', () => {
    expect(maintenanceWindowFrom({ kind: 'weekly', label: 'Nightly', database: '', from: '', to: '', day: 'mon', start: '03:00', end: '02:00', timeZone: 'Europe/Berlin' })).toEqual({
      ok: false,
      error: 'Weekly maintenance window "Nightly" must end after it starts on the same day (03:00–02:00); use 24:00 for midnight',
    });
    expect(maintenanceWindowFrom({ kind: 'once', label: 'Upgrade', database: '', from: '', to: '2026-12-24T04:00', day: 'sun', start: '', end: '', timeZone: 'UTC' })).toEqual({
      ok: false,
      error: 'Maintenance start must be a date and time, e.g. 2026-12-24T02:00:00Z',
    });
  });
});
