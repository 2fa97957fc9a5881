import { useRef, useState } from 'react';
import type { ImportReport } from '../../src-main/common/settings-schema.js';
import { api } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';

/** Import .env…: the file is read here as text and handed to the core; secrets are reported by name only. */
export function ImportEnv({ onImported }: { onImported: () => void }) {
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setReport(null);
    try {
      setReport(await api.importEnv({ content: await file.text() }));
      onImported();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="import" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <button type="button" onClick={() => input.current?.click()}>
        Import .env…
      </button>
      <input
        ref={input}
        id="import-env"
        hidden
        aria-label="Choose a .env file to import"
        type="file"
        accept=".env,text/plain"
        onChange={(e) => {
          void onFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <div aria-live="polite">
        {error && <p className="field-error">{error}</p>}
        {report && (
          <ul className="import-report">
            {report.settings.map((s) => (
              <li key={s.name}>
                {s.name} = {s.value}
              </li>
            ))}
            {report.secrets.map((s) => (
              <li key={s.name}>
                {s.name}: {s.stored ? 'stored in keychain' : 'not stored'}
              </li>
            ))}
            {report.ignored.map((s) => (
              <li key={s.name} className="import-ignored">
                {s.name} ignored: {s.reason}
              </li>
            ))}
            {report.settings.length + report.secrets.length === 0 && <li>Nothing to import in that file.</li>}
          </ul>
        )}
      </div>
    </section>
  );
}
