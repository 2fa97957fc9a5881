/** React bindings for the renderer API: the snapshot arrives by event, never by polling. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import type { DatabaseId, EnvironmentId, Snapshot } from '../../src-main/common/schemas.js';
import type { ChartRange, HistoryView } from '../../src-main/common/history.js';
import type { ConnectionState } from './connectionStatus.js';
import { api, connection } from './hostApi.js';

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

/** Recent checks of one database of one environment, re-read when a new check lands (checkedAt changes). */
export function useHistory(environment: EnvironmentId, database: DatabaseId, checkedAt: string | null, range: ChartRange = '1h'): HistoryView | null {
  const [history, setHistory] = useState<HistoryView | null>(null);
  useEffect(() => {
    let live = true;
    api.getHistory({ environment, database, range }).then((h) => live && setHistory(h), () => undefined);
    return () => {
      live = false;
    };
  }, [environment, database, checkedAt, range]);
  return history;
}

export function useConnection(): ConnectionState {
  const [state, setState] = useState(connection.get());
  useEffect(() => connection.subscribe(setState), []);
  return state;
}
