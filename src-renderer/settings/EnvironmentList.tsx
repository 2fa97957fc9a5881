import { useEffect, useState } from 'react';
import type { SettingsView } from '../../src-main/common/settings-schema.js';
import { errorsOf, removeQuestion, type EnvironmentForm, type FormErrors } from '../lib/settingsForm.js';
import { AddEnvironment } from './AddEnvironment.js';
import { ConfirmDialog } from './ConfirmDialog.js';

interface Props {
  environments: EnvironmentForm[];
  selected: string;
  errors: FormErrors;
  /** Keys of the environments whose form differs from what is saved. */
  unsaved: string[];
  presence: SettingsView['secrets'];
  canAdd: boolean;
  takenIds: string[];
  onSelect: (key: string) => void;
  onMove: (key: string, delta: -1 | 1) => void;
  onRemove: (key: string) => void;
  onAdd: (name: string, id: string) => void;
}

const moveId = (key: string, delta: -1 | 1) => `env-${key}-${delta < 0 ? 'up' : 'down'}`;

/**
 * The monitored environments in settings order. Picking one shows its form below; Move up/down
 * reorder (focus stays on the pressed button, or its twin at the list's end); Remove asks first.
 */
export function EnvironmentList({ environments, selected, errors, unsaved, presence, canAdd, takenIds, onSelect, onMove, onRemove, onAdd }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [focus, setFocus] = useState<string | null>(null);

  // After the list re-rendered in its new order: focus once, then let go (typing elsewhere must not pull it back).
  useEffect(() => {
    if (!focus) return;
    document.getElementById(focus)?.focus();
    setFocus(null);
  }, [focus]);

  const move = (key: string, index: number, delta: -1 | 1) => {
    onMove(key, delta);
    const lands = index + delta;
    // At the first or last place the pressed button is disabled; its twin takes the focus.
    const atEnd = lands === 0 || lands === environments.length - 1;
    setFocus(moveId(key, atEnd ? (-delta as -1 | 1) : delta));
  };

  return (
    <section className="environments" aria-labelledby="environments-title">
      <h2 id="environments-title">Environments</h2>
      <ol className="env-list">
        {environments.map((env, i) => {
          const problems = errorsOf(errors, env.key);
          const current = env.key === selected;
          return (
            <li key={env.key} data-environment={env.id} className={current ? 'env-current' : undefined}>
              <button type="button" className="env-select" aria-pressed={current} onClick={() => onSelect(env.key)}>
                <span className="env-swatch" aria-hidden="true" style={env.colour ? { background: env.colour } : undefined} />
                <span className="env-name">{env.name || '(no name)'}</span>
                <span className="env-id">{env.id}</span>
                {!env.saved && <span className="env-flag">new</span>}
                {unsaved.includes(env.key) && (
                  <span className="unsaved-mark">
                    <span aria-hidden="true">•</span>
                    <span className="visually-hidden">unsaved changes</span>
                  </span>
                )}
                {problems > 0 && <span className="env-problems">{problems === 1 ? '1 problem' : `${problems} problems`}</span>}
              </button>
              {environments.length > 1 && (
                <span className="env-actions">
                  <button type="button" id={moveId(env.key, -1)} aria-label={`Move ${env.name} up`} disabled={i === 0} onClick={() => move(env.key, i, -1)}>
                    ↑
                  </button>
                  <button type="button" id={moveId(env.key, 1)} aria-label={`Move ${env.name} down`} disabled={i === environments.length - 1} onClick={() => move(env.key, i, 1)}>
                    ↓
                  </button>
                  <button type="button" id={`env-${env.key}-remove`} aria-label={`Remove ${env.name}`} onClick={() => setConfirming(env.key)}>
                    Remove
                  </button>
                </span>
              )}
              {confirming === env.key && (
                <ConfirmDialog
                  id="env-confirm"
                  className="env-confirm"
                  question={removeQuestion(env, presence)}
                  note="Nothing changes until you save."
                  confirmLabel="Remove"
                  cancelLabel="Cancel"
                  onConfirm={() => {
                    setConfirming(null);
                    setFocus('add-environment');
                    onRemove(env.key);
                  }}
                  onCancel={() => {
                    setConfirming(null);
                    setFocus(`env-${env.key}-remove`);
                  }}
                />
              )}
            </li>
          );
        })}
      </ol>
      <AddEnvironment canAdd={canAdd} takenIds={takenIds} onAdd={onAdd} />
    </section>
  );
}
