/** "Open settings" at a field: the contract accepts a settings window with a registry field and nothing else; the address round-trips. */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src-main/common/contract.js';
import { settingsFocusFrom, settingsFocusQuery } from '../../src-main/common/settingsFocus.js';

const focus = { environment: 'production', database: 'neo4j', field: 'neo4jPassword' };
const accepted = (input: unknown) => {
  try {
    parseInput('openWindow', input);
    return true;
  } catch {
    return false;
  }
};

describe('opening the settings window at a field', () => {
  it('accepts a window name, or the settings window with a focus', () => {
    expect(accepted('settings')).toBe(true);
    expect(accepted({ name: 'settings', focus })).toBe(true);
  });

  it('refuses a focus on the status window, an unknown kind, a field that is not a plain name, and extra keys', () => {
    expect(accepted({ name: 'status', focus })).toBe(false);
    expect(accepted({ name: 'settings' })).toBe(false);
    expect(accepted({ name: 'settings', focus: { ...focus, database: 'redis' } })).toBe(false);
    expect(accepted({ name: 'settings', focus: { ...focus, field: 'x"] , body' } })).toBe(false);
    expect(accepted({ name: 'settings', focus: { ...focus, field: 'a'.repeat(65) } })).toBe(false);
    expect(accepted({ name: 'settings', focus: { ...focus, environment: '../etc' } })).toBe(false);
    expect(accepted({ name: 'settings', focus, url: 'https://evil.example' })).toBe(false);
    expect(accepted({ name: 'settings', focus: { ...focus, extra: 1 } })).toBe(false);
  });

  it('writes it into the settings page address and reads it back; a bad or partial address names no field', () => {
    expect(settingsFocusQuery(focus)).toBe('?environment=production&database=neo4j&field=neo4jPassword');
    expect(settingsFocusFrom('?environment=production&database=neo4j&field=neo4jPassword')).toEqual(focus);
    expect(settingsFocusFrom('')).toBeNull();
    expect(settingsFocusFrom('?environment=production&database=neo4j')).toBeNull();
    expect(settingsFocusFrom('?environment=production&database=neo4j&field=a%22%5D')).toBeNull();
  });
});
