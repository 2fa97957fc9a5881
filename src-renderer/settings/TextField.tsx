interface Props {
  id: string;
  label: string;
  env?: string;
  value: string;
  error?: string | undefined;
  /** A line under the input saying what the value is for. */
  note?: string;
  type?: 'text' | 'number' | 'url';
  unit?: string;
  placeholder?: string | undefined;
  readOnly?: boolean;
  autoFocus?: boolean;
  onChange: (value: string) => void;
}

/** A labelled input whose error is tied to it for screen readers (aria-invalid + aria-describedby). */
export function TextField({ id, label, env, value, error, note, type = 'text', unit, placeholder, readOnly, autoFocus, onChange }: Props) {
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  const describedBy = [note ? noteId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {env && <span className="field-env"> {env}</span>}
      </label>
      <div className="field-input">
        <input
          id={id}
          name={id}
          type={type}
          value={value}
          placeholder={placeholder}
          readOnly={readOnly}
          autoFocus={autoFocus}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && <span className="field-unit">{unit}</span>}
      </div>
      {note && (
        <p id={noteId} className="field-note">
          {note}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
