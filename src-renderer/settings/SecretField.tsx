import type { SecretFormState } from '../lib/settingsForm.js';

interface Props {
  id: string;
  label: string;
  env: string;
  presence: 'stored' | 'not_set';
  state: SecretFormState;
  /** Set when the endpoint changed since the secret was stored: why it must be typed again. */
  reenter?: string | undefined;
  error?: string | undefined;
  onChange: (state: SecretFormState) => void;
}

/**
 * Write-only: the window knows only whether a secret is stored, never its value. A typed value
 * lives in this password input until Save sends it once; then the input is cleared.
 */
export function SecretField({ id, label, env, presence, state, reenter, error, onChange }: Props) {
  const statusId = `${id}-status`;
  const errorId = `${id}-error`;
  const reenterId = `${id}-reenter`;
  const describedBy = [reenter && !error ? reenterId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const presenceText = presence === 'stored' ? 'Stored in keychain' : 'Not set';
  return (
    <div className="field field-secret" data-secret={id}>
      <span className="field-label" id={`${id}-label`}>
        {label}
        <span className="field-env"> {env}</span>
      </span>
      {state.mode === 'keep' && (
        <div className="secret-row">
          <span id={statusId} className={`secret-presence secret-${presence}`}>
            {presenceText}
          </span>
          <button type="button" aria-describedby={`${id}-label ${statusId}`} onClick={() => onChange({ mode: 'replace', value: '' })}>
            {presence === 'stored' ? 'Replace' : 'Set'}
          </button>
          {presence === 'stored' && (
            <button type="button" aria-describedby={`${id}-label ${statusId}`} onClick={() => onChange({ mode: 'remove' })}>
              Remove
            </button>
          )}
        </div>
      )}
      {state.mode === 'replace' && (
        <div className="secret-row">
          <label htmlFor={id} className="visually-hidden">
            New {label}
          </label>
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            // Not when the input appears because another field is being typed in.
            autoFocus={!reenter}
            value={state.value}
            placeholder={`New ${label.toLowerCase()}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ mode: 'replace', value: e.target.value })}
          />
          {/* Keeping the stored secret is not an option while the endpoint differs from the saved one. */}
          {!reenter && (
            <button type="button" onClick={() => onChange({ mode: 'keep' })}>
              Cancel
            </button>
          )}
        </div>
      )}
      {state.mode === 'replace' && reenter && !error && (
        <p id={reenterId} className="field-note">
          {reenter}
        </p>
      )}
      {state.mode === 'remove' && (
        <div className="secret-row">
          <span className="secret-presence secret-remove">Will be removed from the keychain when you save</span>
          <button type="button" onClick={() => onChange({ mode: 'keep' })}>
            Undo
          </button>
        </div>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
