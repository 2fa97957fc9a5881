import { useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import type { ChartRange } from '../../src-main/common/history.js';
import type { DatabaseStatus, EnvironmentId, EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import { useAppInfo, useConnectionLostSince, useHistory, useIncidents, useSnapshot } from '../api/hooks.js';
import { nothingConfigured } from '../../src-main/common/firstRun.js';
import { cardFreshness, environmentFreshness, type ViewState } from '../lib/freshnessWords.js';
import { isExpanded, orderDatabases, orderEnvironments } from '../lib/statusOrder.js';
import { useNow } from '../lib/useNow.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { AttentionControls } from './AttentionControls.js';
import { DatabaseCard } from './DatabaseCard.js';
import { EnvironmentControls } from './EnvironmentControls.js';
import { FailureActionButton } from './FailureActionButton.js';
import { EnvironmentSection } from './EnvironmentSection.js';
import { FirstRunPanel } from './FirstRunPanel.js';
import { IncidentList } from './IncidentList.js';
import { OverallBanner } from './OverallBanner.js';
import { StatusControls } from './StatusControls.js';
import { useBrowserTab } from './useBrowserTab.js';

interface Shown {
  snapshot: Snapshot;
  appInfo: AppInfo | null;
  view: ViewState;
  onSnapshot: (s: Snapshot) => void;
}

function Card({ env, status, headingLevel, shown }: { env: EnvironmentStatus; status: DatabaseStatus; headingLevel: 2 | 3; shown: Shown }) {
  const [range, setRange] = useState<ChartRange>('1h');
  const history = useHistory(env.id, status.database, status.checkedAt, range);
  return (
    <DatabaseCard
      environment={env.id}
      status={status}
      freshness={cardFreshness(status, env, shown.snapshot, shown.view)}
      now={shown.view.now}
      history={history}
      range={range}
      onRange={setRange}
      headingLevel={headingLevel}
      controls={<AttentionControls environment={env.id} status={status} onSnapshot={shown.onSnapshot} />}
      action={<FailureActionButton environment={env.id} status={status} appInfo={shown.appInfo} onSnapshot={shown.onSnapshot} />}
    />
  );
}

function Cards({ env, headingLevel, shown }: { env: EnvironmentStatus; headingLevel: 2 | 3; shown: Shown }) {
  // Keyed by kind, so a card keeps its history and chosen range while moving up or down.
  return orderDatabases(env).map((status) => <Card key={status.database} env={env} status={status} headingLevel={headingLevel} shown={shown} />);
}

/** Re-read when a new incident opens or closes anywhere, or one of this environment's databases changes state. */
function Incidents({ env, headingLevel, shown }: { env: EnvironmentStatus; headingLevel: 2 | 3; shown: Shown }) {
  const last = shown.snapshot.lastIncident;
  const states = Object.values(env.databases).map((d) => `${d?.database}=${d?.status}`);
  const { incidents, error } = useIncidents(env.id, [last?.id, last?.endedAt, ...states].join('|'));
  return <IncidentList env={env} incidents={incidents} error={error} now={shown.view.now} headingLevel={headingLevel} />;
}

/** Sections of several environments, problems first; which are open is the user's choice once made. */
function Environments({ environments, shown }: { environments: EnvironmentStatus[]; shown: Shown }) {
  const onSnapshot = shown.onSnapshot;
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
            after={<Incidents env={env} headingLevel={3} shown={shown} />}
            notLive={environmentFreshness(env, shown.snapshot, shown.view)}
          >
            <Cards env={env} headingLevel={3} shown={shown} />
          </EnvironmentSection>
        );
      })}
    </div>
  );
}

export function StatusApp() {
  const [snapshot, setSnapshot] = useSnapshot();
  const appInfo = useAppInfo();
  const view = { now: useNow(), connectionLostSince: useConnectionLostSince() };
  const environments = snapshot ? orderEnvironments(snapshot.environments) : [];
  const only = environments.length === 1 ? environments[0]! : null;
  useBrowserTab(snapshot, environments, view, appInfo);
  return (
    <main className="status" aria-busy={snapshot === null}>
      <h1 className="visually-hidden">WallTrack database status</h1>
      <ConnectionNotice />
      {snapshot === null ? (
        <p className="loading">Loading status…</p>
      ) : nothingConfigured(snapshot) ? (
        // Nothing to check yet: where to start instead of empty cards, and no Check now / Pause.
        <FirstRunPanel appInfo={appInfo} environment={snapshot.environments[0]?.id ?? null} />
      ) : (
        <>
          <OverallBanner snapshot={snapshot} environments={environments} view={view} />
          {only ? (
            // One environment looks as before: its cards, no section around them; its incidents below.
            <>
              <div className="cards" data-environment={only.id}>
                <Cards env={only} headingLevel={2} shown={{ snapshot, appInfo, view, onSnapshot: setSnapshot }} />
              </div>
              <Incidents env={only} headingLevel={2} shown={{ snapshot, appInfo, view, onSnapshot: setSnapshot }} />
            </>
          ) : (
            <Environments environments={environments} shown={{ snapshot, appInfo, view, onSnapshot: setSnapshot }} />
          )}
          <StatusControls snapshot={snapshot} appInfo={appInfo} onSnapshot={setSnapshot} />
        </>
      )}
      {snapshot && (
        <footer className="footer">
          WallTrack Monitor {snapshot.version}
          {appInfo?.host === 'browser' && ' · browser mode'}
        </footer>
      )}
    </main>
  );
}
