import { useNow } from '../lib/useNow.js';
import { formatRelative } from '../lib/format.js';

/** "12 s ago", kept current by a local clock tick (this is not polling the host). */
export function RelativeTime({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <span>never</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {formatRelative(iso, now)}
    </time>
  );
}
