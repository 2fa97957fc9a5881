import { useState } from 'react';
import type { DatabaseId, ProbeResult } from '../../src-main/common/schemas.js';
import type { SettingsDraft } from '../../src-main/common/settings-schema.js';
import { api } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';
import { DATABASE_LABELS } from '../lib/format.js';
import { ProbeResultView } from './ProbeResultView.js';

interface Props {
  database: DatabaseId;
  /** The unsaved draft, or null when the form has errors (shown inline already). */
  draft: () => SettingsDraft | null;
}

/** Runs a one-off probe with the values in the form; saves nothing. */
export function ConnectionTest({ database, draft }: Props) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ProbeResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const test = async () => {
    const d = draft();
    if (!d) return;
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.testConnection({ ...d, database }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="connection-test" data-test-connection={database}>
      <button type="button" onClick={test} disabled={running} aria-busy={running}>
        {running ? 'Testing…' : `Test ${DATABASE_LABELS[database]} connection`}
      </button>
      <div aria-live="polite" className="connection-test-result">
        {result && <ProbeResultView result={result} />}
        {error && <p className="field-error">{error}</p>}
      </div>
    </div>
  );
}
