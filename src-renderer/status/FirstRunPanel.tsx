import { useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import { DATABASE_KINDS } from '../../src-main/common/databases.js';
import type { EnvironmentId } from '../../src-main/common/schemas.js';
import { OpenSettings } from './OpenSettings.js';

const labels = DATABASE_KINDS.map((k) => k.label);
const kindsInWords = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)!}` : labels.join('');

/**
 * Shown instead of empty cards while nothing is configured anywhere: what the app does and where to
 * start. Each action opens the settings window, where the .env import and every kind's fields are;
 * "Set up …" opens it at that kind's endpoint field of `environment` (the first in settings order).
 */
export function FirstRunPanel({ appInfo, environment }: { appInfo: AppInfo | null; environment: EnvironmentId | null }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">Welcome to WallTrack Monitor</h2>
      <p>
        It checks your {kindsInWords} databases in every environment around the clock and tells you as soon as one is down or slow, and when it is back.
      </p>
      <p>Nothing is set up yet. Import the .env file your project already has, or enter a database's address and credentials yourself.</p>
      <div className="first-run-actions">
        <OpenSettings appInfo={appInfo} label="Import .env…" onError={setError} />
        {DATABASE_KINDS.map((kind) => (
          <OpenSettings
            key={kind.id}
            appInfo={appInfo}
            label={`Set up ${kind.label}`}
            onError={setError}
            focus={environment ? { environment, database: kind.id, field: kind.endpoint.key } : null}
          />
        ))}
      </div>
      {error && (
        <p className="controls-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
