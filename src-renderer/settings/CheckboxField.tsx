interface Props {
  id: string;
  label: string;
  checked: boolean;
  note?: string | undefined;
  onChange: (checked: boolean) => void;
}

export function CheckboxField({ id, label, checked, note, onChange }: Props) {
  const noteId = `${id}-note`;
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" checked={checked} aria-describedby={note ? noteId : undefined} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {note && (
        <span id={noteId} className="field-note">
          {note}
        </span>
      )}
    </div>
  );
}
