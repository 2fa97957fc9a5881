import { useEffect, useRef, useState, type RefObject } from 'react';
import type { EnvironmentSettings, ImportEnvRequest, ImportPreview } from '../../src-main/common/settings-schema.js';
import { api } from '../api/hostApi.js';
import { errorText } from '../lib/errors.js';
import { importedSentence, previewChangesSomething, previewHeading, previewLines } from '../lib/importWords.js';
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

/** The file as read once: the confirm sends these very bytes, so it imports what was previewed. */
type Pending = { request: ImportEnvRequest; preview: ImportPreview };

/**
 * Import .env…: into a chosen environment or a new one named after the file. Choosing a file shows
 * what would change and writes nothing; Import applies exactly that preview, Cancel drops it.
 */
export function ImportEnv({ environments, preferred, takenIds, onImported }: Props) {
  const [choice, setChoice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const chooser = useRef<HTMLButtonElement>(null);
  const previewTitle = useRef<HTMLHeadingElement>(null);
  const saved = environments.map((e) => e.id);
  // A choice that no longer exists (removed, or the window reloaded) falls back to the preferred one.
  const target = choice !== null && (choice === NEW || saved.includes(choice)) ? choice : (preferred && saved.includes(preferred) ? preferred : saved[0] ?? NEW);

  useEffect(() => {
    if (pending) previewTitle.current?.focus();
  }, [pending]);

  const preview = async (request: ImportEnvRequest) => {
    setPending({ request, preview: await api.previewImportEnv(request) });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setDone(null);
    setPending(null);
    const into = importTarget(target === NEW ? { kind: 'new' } : { kind: 'existing', id: target }, file.name, takenIds);
    setBusy(true);
    try {
      await preview({ content: await file.text(), into });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async ({ request, preview: shown }: Pending) => {
    setError(null);
    setBusy(true);
    try {
      await api.importEnv({ ...request, previewed: shown.fingerprint });
      setPending(null);
      setDone(importedSentence(shown));
      if (request.into.kind === 'new') setChoice(request.into.id);
      onImported();
      chooser.current?.focus();
    } catch (e) {
      // Refused (e.g. the stored settings changed meanwhile): say why, and show what the file would do now.
      setError(errorText(e));
      setPending(null);
      await preview(request).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    setPending(null);
    setError(null);
    chooser.current?.focus();
  };

  return (
    <section className="import" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <div className="import-row">
        <label htmlFor="import-target">Into</label>
        <select id="import-target" value={target} disabled={pending !== null} onChange={(e) => setChoice(e.target.value)}>
          {environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name} ({env.id})
            </option>
          ))}
          <option value={NEW}>New environment named after the file</option>
        </select>
        <button ref={chooser} type="button" disabled={busy} onClick={() => input.current?.click()}>
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
        {error && <p className="field-error import-error">{error}</p>}
        {done && <p className="import-done">{done}</p>}
      </div>
      {pending && <PreviewPanel pending={pending} busy={busy} titleRef={previewTitle} onConfirm={() => void confirm(pending)} onCancel={cancel} />}
    </section>
  );
}

interface PanelProps {
  pending: Pending;
  busy: boolean;
  titleRef: RefObject<HTMLHeadingElement | null>;
  onConfirm: () => void;
  onCancel: () => void;
}

function PreviewPanel({ pending: { preview }, busy, titleRef, onConfirm, onCancel }: PanelProps) {
  const { changes, skipped } = previewLines(preview);
  const writes = previewChangesSomething(preview);
  return (
    <div className="import-preview" role="region" aria-labelledby="import-preview-title" data-environment={preview.environment}>
      <h3 id="import-preview-title" ref={titleRef} tabIndex={-1}>
        {previewHeading(preview)}
      </h3>
      <p className="import-preview-note">Nothing is written until you choose Import.</p>
      {changes.length > 0 ? (
        <ul className="import-changes">
          {changes.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="import-changes-none">Nothing in this file would change {preview.environmentName}.</p>
      )}
      {skipped.length > 0 && (
        <>
          <h4>Ignored</h4>
          <ul className="import-skipped">
            {skipped.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </>
      )}
      <div className="import-actions">
        {writes && (
          <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
            Import
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {writes ? 'Cancel' : 'Close'}
        </button>
      </div>
    </div>
  );
}
