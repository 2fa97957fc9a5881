import { useState } from 'react';

/** The clipboard may be refused (permissions, an insecure page): then the text stays selectable above. */
const REFUSED = 'The clipboard was refused: select the text above and copy it by hand';

/** "Copy", then "Copied" (or why not) said politely to screen readers and shown beside the button. */
export function CopyButton({ text }: { text: string }) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    setSaid('');
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied');
    } catch {
      setSaid(REFUSED);
    }
  };
  return (
    <div className="copy">
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>
      <span className="copy-status" role="status" aria-live="polite">
        {said}
      </span>
    </div>
  );
}
