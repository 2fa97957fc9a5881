interface Props {
  id: string;
  label: string;
  env?: string;
  value: string;
  error?: string | undefined;
  type?: 'text' | 'number' | 'url';
  unit?: string;
  placeholder?: string;
  onChange: (value: string) => void;
}

/** A labelled input whose error is tied to it for screen readers (aria-invalid + aria-describedby). */
export function TextField({ id, label, env, value, error, type = 'text', unit, placeholder, onChange }: Props) {
  const errorId = `${id}-error`;
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
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && <span className="field-unit">{unit}</span>}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
