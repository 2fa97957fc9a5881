import { useState } from 'react';
import type { DatabaseStatus, EnvironmentId, EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { useAppInfo, useHistory, useSnapshot } from '../api/hooks.js';
import { isExpanded, orderDatabases, orderEnvironments } from '../lib/statusOrder.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { DatabaseCard } from './DatabaseCard.js';
import { EnvironmentControls } from './EnvironmentControls.js';
import { EnvironmentSection } from './EnvironmentSection.js';
import { OverallBanner } from './OverallBanner.js';
import { StatusControls } from './StatusControls.js';

function Card({ environment, status, headingLevel }: { environment: EnvironmentId; status: DatabaseStatus; headingLevel: 2 | 3 }) {
  const history = useHistory(environment, status.database, status.checkedAt);
  return <DatabaseCard environment={environment} status={status} history={history} headingLevel={headingLevel} />;
}

function Cards({ env, headingLevel }: { env: EnvironmentStatus; headingLevel: 2 | 3 }) {
  // Keyed by kind, so a card keeps its history while moving up or down.
  return orderDatabases(env).map((status) => <Card key={status.database} environment={env.id} status={status} headingLevel={headingLevel} />);
}

/** Sections of several environments, problems first; which are open is the user's choice once made. */
function Environments({ environments, onSnapshot }: { environments: EnvironmentStatus[]; onSnapshot: (s: Snapshot) => void }) {
  // Kept here, by environment id, so it survives every snapshot and the sections moving.
  const [choices, setChoices] = useState<Partial<Record<EnvironmentId, boolean>>>({});
  return (
    <div className="environments">
      {environments.map((env) => {
        const expanded = isExpanded(env, environments.length, choices[env.id]);
        return (
          <EnvironmentSection
            key={env.id}
            env={env}
            expanded={expanded}
            onToggle={() => setChoices((c) => ({ ...c, [env.id]: !expanded }))}
            controls={<EnvironmentControls env={env} onSnapshot={onSnapshot} />}
          >
            <Cards env={env} headingLevel={3} />
          </EnvironmentSection>
        );
      })}
    </div>
  );
}

export function StatusApp() {
  const [snapshot, setSnapshot] = useSnapshot();
  const appInfo = useAppInfo();
  const environments = snapshot ? orderEnvironments(snapshot.environments) : [];
  const only = environments.length === 1 ? environments[0]! : null;
  return (
    <main className="status" aria-busy={snapshot === null}>
      <h1 className="visually-hidden">WallTrack database status</h1>
      <ConnectionNotice />
      {snapshot === null ? (
        <p className="loading">Loading status…</p>
      ) : (
        <>
          <OverallBanner snapshot={snapshot} environments={environments} />
          {only ? (
            // One environment looks as before: its cards, no section around them.
            <div className="cards" data-environment={only.id}>
              <Cards env={only} headingLevel={2} />
            </div>
          ) : (
            <Environments environments={environments} onSnapshot={setSnapshot} />
          )}
          <StatusControls snapshot={snapshot} appInfo={appInfo} onSnapshot={setSnapshot} />
          <footer className="footer">
            WallTrack Monitor {snapshot.version}
            {appInfo?.host === 'browser' && ' · browser mode'}
          </footer>
        </>
      )}
    </main>
  );
}
