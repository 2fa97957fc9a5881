import { useState } from 'react';
import { api } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';

/**
 * "Copy diagnostics": the host's redacted report (getDiagnostics) to the clipboard, for a bug report.
 * What happened is said in a live region, so a screen reader hears "Diagnostics copied" too.
 */
export function CopyDiagnostics() {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; failed: boolean } | null>(null);

  const copy = async () => {
    setBusy(true);
    setSaid(null);
    let report: string;
    try {
      report = await api.getDiagnostics();
    } catch (e) {
      setSaid({ text: `Could not make the diagnostics report: ${errorText(e)}`, failed: true });
      setBusy(false);
      return;
    }
    try {
      await navigator.clipboard.writeText(report);
      setSaid({ text: 'Diagnostics copied', failed: false });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      setSaid({ text: `The clipboard refused the diagnostics (${why}); allow this page to write to the clipboard, or run walltrack-monitor diagnostics`, failed: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void copy()} disabled={busy} aria-busy={busy}>
        Copy diagnostics
      </button>
      <p className={said?.failed ? 'controls-error' : 'controls-note'} role="status" aria-live="polite">
        {said?.text}
      </p>
    </>
  );
}
