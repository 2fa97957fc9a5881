/** Where a dotted settings path is, as people see it: the words every validation message starts with. */
import { describe, expect, it } from 'vitest';
import { placeOf } from '../../../src-main/core/settings/validation.js';

const input = { environments: [{ id: 'production', name: '  Production ' }, { id: 'staging', name: '   ' }, { id: '', name: '' }, 'not an object'] };
const p = (path: string, root: unknown = input) => placeOf(path.split('.'), root);

describe('placeOf', () => {
  it('an environment by its name (trimmed), else its id, else its position counted from 1', () => {
    expect(p('environments.0.databases.neo4j.uri')).toBe('Environment "Production"');
    expect(p('environments.1.databases.neo4j.uri')).toBe('Environment "staging"');
    expect(p('environments.2.name')).toBe('Environment 3');
    expect(p('environments.3.id')).toBe('Environment 4');
    expect(p('environments.7.id')).toBe('Environment 8');
    expect(placeOf(['environments', '0', 'id'])).toBe('Environment 1');
    expect(p('environments.0.id', { environments: 'nope' })).toBe('Environment 1');
  });

  it('a settings window draft ("settings." first) reads the names from its settings', () => {
    expect(p('settings.environments.0.databases.supabase.url', { settings: input })).toBe('Environment "Production"');
    expect(p('settings.environments.1.id', { settings: input })).toBe('Environment "staging"');
    expect(p('settings.monitor.timeoutMs', { settings: input })).toBe('Checks');
  });

  it('secrets by their environment id; the check and app settings by their section; anything else is "Settings"', () => {
    expect(p('secrets.production.neo4jPassword')).toBe('Environment "production"');
    expect(p('secrets')).toBe('Settings');
    expect(p('monitor.intervalSec')).toBe('Checks');
    expect(p('app.notifications')).toBe('App');
    expect(p('environments')).toBe('Settings');
    expect(p('environments.x1.id')).toBe('Settings');
    expect(p('environments.1x.id')).toBe('Settings');
    expect(p('environments.12.id', { environments: [] })).toBe('Environment 13');
    expect(p('version')).toBe('Settings');
    expect(placeOf([])).toBe('Settings');
  });
});
