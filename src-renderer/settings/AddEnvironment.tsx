import { useState } from 'react';
import { ENVIRONMENT_LIMIT } from '../../src-main/common/settings-schema.js';
import { newIdProblem, slugFromName, uniqueId } from '../lib/settingsForm.js';
import { TextField } from './TextField.js';

interface Props {
  canAdd: boolean;
  takenIds: string[];
  onAdd: (name: string, id: string) => void;
}

/** Name first; the id (the keychain key, fixed once saved) follows the name until it is edited. */
export function AddEnvironment({ canAdd, takenIds, onAdd }: Props) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [id, setId] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ name?: string; id?: string }>({});
  const shownId = id ?? (name.trim() ? uniqueId(slugFromName(name), takenIds) : '');

  if (!open) {
    return (
      <div className="env-add">
        <button type="button" id="add-environment" disabled={!canAdd} onClick={() => setOpen(true)}>
          Add environment…
        </button>
        {!canAdd && <span className="field-note"> At most {ENVIRONMENT_LIMIT} environments can be monitored.</span>}
      </div>
    );
  }

  const close = () => {
    setOpen(false);
    setName('');
    setId(null);
    setErrors({});
  };
  const add = () => {
    const next = {
      name: name.trim() ? undefined : 'Environment name must not be empty, e.g. Production',
      id: newIdProblem(shownId, takenIds) ?? undefined,
    };
    setErrors(next);
    if (next.name || next.id) return;
    onAdd(name.trim(), shownId);
    close();
  };

  return (
    <div
      className="env-add env-add-form"
      role="group"
      aria-label="New environment"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          add();
        }
        if (e.key === 'Escape') {
          // Closes this panel only; the window's Escape (discard changes) must not fire as well.
          e.preventDefault();
          close();
        }
      }}
    >
      <TextField id="new-env.name" label="Name" value={name} placeholder="e.g. Staging" autoFocus error={errors.name} onChange={setName} />
      <TextField id="new-env.id" label="Id" note="Keychain key and ?env= value; it cannot change once saved" value={shownId} error={errors.id} onChange={setId} />
      <div className="env-add-actions">
        <button type="button" className="primary" onClick={add}>
          Add
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </div>
  );
}
