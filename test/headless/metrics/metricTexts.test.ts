import { Counter, Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetricTexts } from '../../../src-main/headless/metrics/metricTexts.js';

function registryOf() {
  const registry = new Registry();
  const gauge = new Gauge({ name: 'demo_gauge', help: 'A gauge.', labelNames: ['environment'] as const, registers: [registry] });
  const counter = new Counter({ name: 'demo_total', help: 'A counter.', registers: [registry] });
  return { registry, gauge, counter };
}

describe('createMetricTexts', () => {
  it('joins the metrics exactly as prom-client does for the Prometheus text format', async () => {
    const { registry, gauge, counter } = registryOf();
    gauge.set({ environment: 'production' }, 1);
    counter.inc(2);
    const texts = createMetricTexts(registry, {});
    expect(await texts.body()).toBe(await registry.metrics());
    expect(await texts.body()).toBe(
      '# HELP demo_gauge A gauge.\n# TYPE demo_gauge gauge\ndemo_gauge{environment="production"} 1\n\n# HELP demo_total A counter.\n# TYPE demo_total counter\ndemo_total 2\n',
    );
  });

  it('formats a metric again only when its key changed', async () => {
    const { registry, gauge } = registryOf();
    let key = 'a';
    const texts = createMetricTexts(registry, { demo_gauge: () => key });
    gauge.set({ environment: 'production' }, 1);
    expect(await texts.body()).toContain('demo_gauge{environment="production"} 1\n');
    // Same key: the text shown last time, although the gauge moved (the key is the caller's promise that it did not).
    gauge.set({ environment: 'production' }, 2);
    expect(await texts.body()).toContain('demo_gauge{environment="production"} 1\n');
    key = 'b';
    expect(await texts.body()).toContain('demo_gauge{environment="production"} 2\n');
  });

  it('a metric without a key is formatted every time', async () => {
    const { registry, counter } = registryOf();
    const texts = createMetricTexts(registry, {});
    counter.inc();
    expect(await texts.body()).toContain('demo_total 1\n');
    counter.inc();
    expect(await texts.body()).toContain('demo_total 2\n');
  });
});
