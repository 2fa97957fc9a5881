import { useEffect, useState } from 'react';
import { databaseKind, kindSecrets } from '../../src-main/common/databases.js';
import { settingsFocusFrom, type SettingsFocus } from '../../src-main/common/settingsFocus.js';

/** The control to focus: a text field's input, or a secret's input (replacing) else its Set/Replace button. */
function controlOf(focus: SettingsFocus): HTMLElement | null {
  const form = document.querySelector(`[data-environment-form="${focus.environment}"]`);
  if (!form) return null;
  // The field name was checked against /^[A-Za-z][A-Za-z0-9_]*$/ (SettingsFocusSchema): safe inside a selector.
  if (kindSecrets(databaseKind(focus.database)).some((s) => s.name === focus.field)) return form.querySelector(`[data-secret="${focus.field}"] :is(input, button)`);
  return form.querySelector(`[id="${focus.database}.${focus.field}"]`);
}

/**
 * Opens the window at the field its address names (a card's "Open settings", common/settingsFocus.ts):
 * selects that environment, then focuses the field and scrolls it into view, once. An address naming an
 * environment or field that is not there is ignored.
 */
export function useOpenAtField(environmentKeys: string[] | null, selected: string | null, select: (key: string) => void): void {
  const [focus, setFocus] = useState(() => settingsFocusFrom(location.search));
  useEffect(() => {
    if (!focus || environmentKeys === null) return;
    if (!environmentKeys.includes(focus.environment)) return setFocus(null);
    if (selected !== focus.environment) return select(focus.environment);
    const control = controlOf(focus);
    control?.focus();
    control?.scrollIntoView({ block: 'center' });
    setFocus(null);
  }, [focus, environmentKeys, selected, select]);
}
