import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { SecretField } from '../../../src-renderer/settings/SecretField.js';
import { formFromSettings, secretsToReenter, shownSecrets } from '../../../src-renderer/lib/settingsForm.js';

const saved = SettingsSchema.parse({ neo4j: { uri: 'neo4j://db.example.com:7687', user: 'neo4j' } });

function neo4jPasswordField(uri: string): string {
  const form = formFromSettings(saved);
  form.text['neo4j.uri'] = uri;
  const reenter = secretsToReenter(form, saved, { supabaseKey: 'not_set', neo4jPassword: 'stored' });
  const shown = shownSecrets({ supabaseKey: { mode: 'keep' }, neo4jPassword: { mode: 'keep' } }, reenter);
  return renderToStaticMarkup(
    <SecretField id="neo4jPassword" label="Neo4j password" env="NEO4J_PASSWORD" presence="stored" state={shown.neo4jPassword} reenter={reenter.neo4jPassword} onChange={() => {}} />,
  );
}

describe('secret field', () => {
  it('shows "Stored in keychain" while the endpoint is the saved one', () => {
    const html = neo4jPasswordField('bolt://db.example.com');
    expect(html).toContain('Stored in keychain');
    expect(html).not.toContain('<input');
  });

  it('becomes an empty password input, without Cancel or autofocus, once the endpoint changes, and says why', () => {
    const html = neo4jPasswordField('bolt://new-host:7687');
    expect(html).not.toContain('Stored in keychain');
    expect(html).toMatch(/<input id="neo4jPassword" type="password"[^>]* value=""\/>/);
    expect(html).not.toContain('autofocus');
    expect(html).not.toContain('>Cancel<');
    expect(html).toContain('The Neo4j URI changed: enter the password for bolt://new-host:7687');
    expect(html).toContain('aria-describedby="neo4jPassword-reenter"');
  });
});
