import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../src-main/common/settings-schema.js';
import { SecretField } from '../../../src-renderer/settings/SecretField.js';
import { formFromSettings, secretsToReenter, setField, shownSecrets } from '../../../src-renderer/lib/settingsForm.js';

const saved = SettingsSchema.parse({
  environments: [
    { id: 'production', name: 'Production', databases: { neo4j: { uri: 'neo4j://db.example.com:7687', user: 'neo4j' } } },
    { id: 'staging', name: 'Staging', databases: { neo4j: { uri: 'neo4j://db.example.com:7687', user: 'neo4j' } } },
  ],
});

function neo4jPasswordField(env: 'production' | 'staging', uri: string): string {
  const form = setField(formFromSettings(saved), 'staging', 'neo4j', 'uri', uri);
  const environment = form.environments.find((e) => e.id === env)!;
  const reenter = secretsToReenter(environment, saved, { production: { neo4jPassword: 'stored' }, staging: { neo4jPassword: 'stored' } });
  const shown = shownSecrets({}, reenter);
  return renderToStaticMarkup(
    <SecretField id="neo4jPassword" label="Neo4j password" env="NEO4J_PASSWORD" presence="stored" state={shown.neo4jPassword!} reenter={reenter.neo4jPassword} onChange={() => {}} />,
  );
}

describe('secret field', () => {
  it('shows "Stored in keychain" while the endpoint is the saved one', () => {
    const html = neo4jPasswordField('staging', 'bolt://db.example.com');
    expect(html).toContain('Stored in keychain');
    expect(html).not.toContain('<input');
  });

  it('becomes an empty password input, without Cancel or autofocus, once the endpoint changes, and says why', () => {
    const html = neo4jPasswordField('staging', 'bolt://new-host:7687');
    expect(html).not.toContain('Stored in keychain');
    expect(html).toMatch(/<input id="neo4jPassword" type="password"[^>]* value=""\/>/);
    expect(html).not.toContain('autofocus');
    expect(html).not.toContain('>Cancel<');
    expect(html).toContain('The Neo4j URI changed: enter the password for bolt://new-host:7687');
    expect(html).toContain('aria-describedby="neo4jPassword-reenter"');
  });

  it('stays "Stored in keychain" in another environment whose endpoint did not move', () => {
    expect(neo4jPasswordField('production', 'bolt://new-host:7687')).toContain('Stored in keychain');
  });
});
