import { DATABASE_IDS, type DatabaseId, type Snapshot } from '../../src-main/common/schemas.js';
import { useAppInfo, useHistory, useSnapshot } from '../api/hooks.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { DatabaseCard } from './DatabaseCard.js';
import { OverallBanner } from './OverallBanner.js';
import { StatusControls } from './StatusControls.js';

function Card({ id, snapshot }: { id: DatabaseId; snapshot: Snapshot }) {
  const status = snapshot.databases[id];
  const history = useHistory(id, status.checkedAt);
  return <DatabaseCard id={id} status={status} history={history} />;
}

export function StatusApp() {
  const [snapshot, setSnapshot] = useSnapshot();
  const appInfo = useAppInfo();
  return (
    <main className="status" aria-busy={snapshot === null}>
      <h1 className="visually-hidden">WallTrack database status</h1>
      <ConnectionNotice />
      {snapshot === null ? (
        <p className="loading">Loading status…</p>
      ) : (
        <>
          <OverallBanner snapshot={snapshot} />
          <div className="cards">
            {DATABASE_IDS.map((id) => (
              <Card key={id} id={id} snapshot={snapshot} />
            ))}
          </div>
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
