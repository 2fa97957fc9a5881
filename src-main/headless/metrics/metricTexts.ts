/**
 * Each metric's exposition text, formatted by prom-client (getSingleMetricAsString) only when what it
 * shows changed since the last scrape. prom-client formats about 1.4 KB of short-lived objects per line,
 * and most of a scrape (the one-hot states, success, uptime) changes far less often than it is scraped;
 * re-formatting all 1,100 lines of 40 targets each time kept the garbage collector busy (bench (h)).
 * The body is joined exactly as Registry.metrics() joins it for the Prometheus text format.
 */
import type { Registry } from 'prom-client';

/** What a metric shows right now; the same key (===) means the same text. */
export type ChangeKey = string | number | object;

export function createMetricTexts(registry: Registry, keys: Readonly<Record<string, () => ChangeKey>>) {
  const shown = new Map<string, { key: ChangeKey; text: string }>();
  return {
    async body(): Promise<string> {
      const texts: string[] = [];
      for (const metric of registry.getMetricsAsArray()) {
        const name = metric.name;
        const key = keys[name]?.();
        const last = shown.get(name);
        if (key !== undefined && last?.key === key) {
          texts.push(last.text);
          continue;
        }
        const text = await registry.getSingleMetricAsString(name);
        if (key !== undefined) shown.set(name, { key, text });
        texts.push(text);
      }
      return `${texts.join('\n\n')}\n`;
    },
  };
}
