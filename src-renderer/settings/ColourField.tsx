interface Props {
  colour: string | null;
  error?: string | undefined;
  onChange: (colour: string | null) => void;
}

/** Optional: a colour shown beside the environment's name (the name always says which it is). */
export function ColourField({ colour, error, onChange }: Props) {
  return (
    <div className="field field-colour">
      <span className="field-label" id="env.colour-label">
        Colour
      </span>
      <div className="secret-row">
        {colour === null ? (
          <>
            <span className="secret-presence secret-not_set">None</span>
            <button type="button" aria-describedby="env.colour-label" onClick={() => onChange('#1f6feb')}>
              Set
            </button>
          </>
        ) : (
          <>
            <input id="env.colour" type="color" aria-labelledby="env.colour-label" value={colour} onChange={(e) => onChange(e.target.value)} />
            <code>{colour}</code>
            <button type="button" aria-describedby="env.colour-label" onClick={() => onChange(null)}>
              No colour
            </button>
          </>
        )}
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
