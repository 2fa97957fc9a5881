/** React bindings for the renderer API: the snapshot arrives by event, never by polling. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import type { DatabaseId, EnvironmentId, Snapshot } from '../../src-main/common/schemas.js';
import type { ChartRange, HistoryView, Incident } from '../../src-main/common/history.js';
import { errorText } from '../lib/errors.js';
import type { ConnectionState } from './connectionStatus.js';
import { api, connection, connectionLoss } from './hostApi.js';

export function useSnapshot(): [Snapshot | null, (s: Snapshot) => void] {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => {
    let pushed = false;
    const off = api.onSnapshot((s) => {
      pushed = true;
      setSnapshot(s);
    });
    // The initial value only; a pushed snapshot is newer and wins.
    api.getSnapshot().then((s) => !pushed && setSnapshot(s), () => undefined);
    return off;
  }, []);
  return [snapshot, setSnapshot];
}

export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    api.getAppInfo().then(setInfo, () => undefined);
  }, []);
  return info;
}

/**
 * One database's chart series over `range` and its uptime, re-read when a new check lands (checkedAt
 * changes) or the range changes. The view of another range is never shown for this one.
 */
export function useHistory(environment: EnvironmentId, database: DatabaseId, checkedAt: string | null, range: ChartRange = '1h'): { view: HistoryView | null; error: string | null } {
  const [state, setState] = useState<{ view: HistoryView | null; error: string | null }>({ view: null, error: null });
  useEffect(() => {
    let live = true;
    api.getHistory({ environment, database, range }).then(
      (view) => live && setState({ view, error: null }),
      (e: unknown) => live && setState((s) => ({ view: s.view, error: errorText(e) })),
    );
    return () => {
      live = false;
    };
  }, [environment, database, checkedAt, range]);
  return { view: state.view?.range === range ? state.view : null, error: state.error };
}

/** How many incidents a section lists; older ones are in the headless CLI (walltrack-monitor incidents). */
export const INCIDENTS_SHOWN = 20;

/** An environment's incidents, newest first, re-read whenever `refreshKey` changes (a new incident, a card changing state). */
export function useIncidents(environment: EnvironmentId, refreshKey: string): { incidents: Incident[] | null; error: string | null } {
  const [state, setState] = useState<{ incidents: Incident[] | null; error: string | null }>({ incidents: null, error: null });
  useEffect(() => {
    let live = true;
    api.getIncidents({ environment, limit: INCIDENTS_SHOWN }).then(
      (list) => live && setState({ incidents: list.incidents, error: null }),
      (e: unknown) => live && setState((s) => ({ incidents: s.incidents, error: errorText(e) })),
    );
    return () => {
      live = false;
    };
  }, [environment, refreshKey]);
  return state;
}

/** When this window lost its host; null while connected. */
export function useConnectionLostSince(): string | null {
  const [since, setSince] = useState(connectionLoss.get());
  useEffect(() => {
    setSince(connectionLoss.get());
    return connectionLoss.subscribe(setSince);
  }, []);
  return since;
}

export function useConnection(): ConnectionState {
  const [state, setState] = useState(connection.get());
  useEffect(() => connection.subscribe(setState), []);
  return state;
}
