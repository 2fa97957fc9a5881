import { useRef, useState } from 'react';
import type { EnvironmentSettings, ImportReport, ImportTarget } from '../../src-main/common/settings-schema.js';
import { api } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';
import { importTarget } from '../lib/settingsForm.js';

const NEW = '';

interface Props {
  /** The saved environments: main imports into what it has saved, not into the form's unsaved ones. */
  environments: EnvironmentSettings[];
  /** The environment picked by default (the one being edited, when saved). */
  preferred: string | null;
  /** Ids a new environment may not take. */
  takenIds: string[];
  onImported: () => void;
}

/** Import .env…: into a chosen environment or a new one named after the file; secrets are reported by name only. */
export function ImportEnv({ environments, preferred, takenIds, onImported }: Props) {
  const [choice, setChoice] = useState<string | null>(null);
  const [done, setDone] = useState<{ report: ImportReport; into: ImportTarget; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const saved = environments.map((e) => e.id);
  // A choice that no longer exists (removed, or the window reloaded) falls back to the preferred one.
  const target = choice !== null && (choice === NEW || saved.includes(choice)) ? choice : (preferred && saved.includes(preferred) ? preferred : saved[0] ?? NEW);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setDone(null);
    const into = importTarget(target === NEW ? { kind: 'new' } : { kind: 'existing', id: target }, file.name, takenIds);
    const name = into.kind === 'new' ? into.name : (environments.find((e) => e.id === into.id)?.name ?? into.id);
    try {
      const report = await api.importEnv({ content: await file.text(), into });
      setDone({ report, into, name });
      if (into.kind === 'new') setChoice(into.id);
      onImported();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const report = done?.report;
  return (
    <section className="import" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <div className="import-row">
        <label htmlFor="import-target">Into</label>
        <select id="import-target" value={target} onChange={(e) => setChoice(e.target.value)}>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name} ({env.id})
            </option>
          ))}
          <option value={NEW}>New environment named after the file</option>
        </select>
        <button type="button" onClick={() => input.current?.click()}>
          Import .env…
        </button>
      </div>
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
        {done && report && (
          <>
            <p className="import-into" data-environment={report.environment}>
              {done.into.kind === 'new' ? 'Imported into the new environment ' : 'Imported into '}
              <strong>{done.name}</strong> ({report.environment}):
            </p>
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
          </>
        )}
      </div>
    </section>
  );
}
