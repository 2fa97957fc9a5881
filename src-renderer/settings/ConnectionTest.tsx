import { useState } from 'react';
import type { DatabaseKind } from '../../src-main/common/databases.js';
import type { EnvironmentId, ProbeResult } from '../../src-main/common/schemas.js';
import type { SettingsDraft } from '../../src-main/common/settings-schema.js';
import { api } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';
import { ProbeResultView } from './ProbeResultView.js';

interface Props {
  environment: EnvironmentId;
  kind: DatabaseKind;
  /** The unsaved draft, or null when the form has errors (shown inline already). */
  draft: () => SettingsDraft | null;
}

/** Runs a one-off probe of one database of one environment with the values in the form; saves nothing. */
export function ConnectionTest({ environment, kind, draft }: Props) {
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
      setResult(await api.testConnection({ ...d, environment, database: kind.id }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="connection-test" data-test-connection={kind.id}>
      <button type="button" onClick={test} disabled={running} aria-busy={running}>
        {running ? 'Testing…' : `Test ${kind.label} connection`}
      </button>
      <div aria-live="polite" className="connection-test-result">
        {result && <ProbeResultView result={result} />}
        {error && <p className="field-error">{error}</p>}
      </div>
    </div>
  );
}
