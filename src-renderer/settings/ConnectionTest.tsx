import { useState } from 'react';
import type { DatabaseKind } from '../../src-main/common/databases.js';
import type { EnvironmentId, ProbeResult } from '../../src-main/common/schemas.js';
import { api } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';
import { testBlocker, type DraftResult } from '../lib/settingsForm.js';
import { ProbeResultView } from './ProbeResultView.js';

interface Props {
  environment: EnvironmentId;
  /** The environment's form key, under which its errors are filed. */
  envKey: string;
  kind: DatabaseKind;
  /** The unsaved draft, or the form's errors (also shown inline). */
  draft: () => DraftResult;
}

/** Runs a one-off probe of one database of one environment with the values in the form; saves nothing. Every outcome shows beside the button. */
export function ConnectionTest({ environment, envKey, kind, draft }: Props) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ProbeResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const test = async () => {
    const d = draft();
    setResult(null);
    if (!d.ok) {
      setError(testBlocker(d.errors, envKey, kind));
      return;
    }
    setRunning(true);
    setError(null);
    try {
      setResult(await api.testConnection({ ...d.draft, environment, database: kind.id }));
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
        {error && (
          <p className="field-error">
            <span aria-hidden="true">✕ </span>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
