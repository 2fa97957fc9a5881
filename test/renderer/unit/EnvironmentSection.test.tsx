import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EnvironmentSection } from '../../../src-renderer/status/EnvironmentSection.js';
import { env } from './fixtures.js';

const render = (e: ReturnType<typeof env>, expanded: boolean) =>
  renderToStaticMarkup(
    <EnvironmentSection env={e} expanded={expanded} onToggle={() => undefined} controls={<span>CONTROLS</span>}>
      <p>CARDS</p>
    </EnvironmentSection>,
  );

describe('environment section', () => {
  it('is a region named by its heading, whose button says whether it is open and which cards it controls', () => {
    const html = render({ ...env('production', { supabase: 'healthy', neo4j: 'down' }, 'down', 'Production'), colour: '#d33682' }, true);
    expect(html).toContain('<section class="environment tone-bad" aria-labelledby="env-production-title" data-environment="production" data-state="down"');
    expect(html).toContain('<h2 id="env-production-title" class="environment-title"><button type="button" class="environment-toggle" aria-expanded="true" aria-controls="env-production-cards">');
    expect(html).toContain('<span class="environment-name">Production</span>');
    expect(html).toContain('<span class="badge-word">Down</span>');
    expect(html).toContain('<circle cx="5" cy="5" r="5" fill="#d33682"></circle>');
    expect(html).toContain('CONTROLS');
    expect(html).toContain('<div id="env-production-cards" class="cards"><p>CARDS</p></div>');
    // Open: the cards' badges announce changes, so the header's does not repeat them.
    expect(html).toContain('class="badge tone-bad" aria-live="off"');
  });

  it('closed, keeps the cards out and announces changes in its own badge', () => {
    const html = render(env('dev', { supabase: 'healthy', neo4j: 'healthy' }, 'ok', 'Development'), false);
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('<div id="env-dev-cards" class="cards" hidden=""></div>');
    expect(html).not.toContain('CARDS');
    expect(html).toContain('class="badge tone-good" aria-live="polite"');
    expect(html).toContain('<span class="badge-word">Healthy</span>');
  });

  it('draws only a #rrggbb colour, and says when and until when the environment is paused', () => {
    const hostile = { ...env('qa', { neo4j: 'healthy' }), colour: 'red;background:url(//evil.example)', paused: { until: '2026-01-01T13:00:00.000Z' } };
    const html = render(hostile, false);
    expect(html).not.toContain('<circle');
    expect(html).not.toContain('evil.example');
    expect(html).toMatch(/<span class="environment-paused">Paused until \d\d:\d\d( [AP]M)?<\/span>/);
    expect(render({ ...hostile, paused: { until: null } }, false)).toContain('<span class="environment-paused">Paused</span>');
  });
});
