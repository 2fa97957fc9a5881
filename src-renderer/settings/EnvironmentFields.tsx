import { DATABASE_KINDS, type SecretName } from '../../src-main/common/databases.js';
import type { SettingsView } from '../../src-main/common/settings-schema.js';
import {
  envErrorKey,
  kindFormItems,
  placeholderOf,
  secretFieldLabel,
  textFieldId,
  type DraftResult,
  type EnvironmentForm,
  type FormErrors,
  type Reenter,
  type SecretFormState,
} from '../lib/settingsForm.js';
import { ColourField } from './ColourField.js';
import { ConnectionTest } from './ConnectionTest.js';
import { MaintenanceFields } from './MaintenanceFields.js';
import { SecretField } from './SecretField.js';
import { TextField } from './TextField.js';

interface Props {
  env: EnvironmentForm;
  errors: FormErrors;
  presence: SettingsView['secrets'];
  secrets: Record<SecretName, SecretFormState>;
  reenter: Reenter;
  /** Bumped on every load so results of earlier connection tests do not outlive the values they tested. */
  generation: number;
  draft: () => DraftResult;
  onChange: (change: Partial<Pick<EnvironmentForm, 'name' | 'colour' | 'maintenance'>>) => void;
  onField: (database: string, field: string, value: string) => void;
  onSecret: (name: SecretName, state: SecretFormState) => void;
}

/** One environment's form: its name and colour, then one fieldset per kind of the registry. */
export function EnvironmentFields({ env, errors, presence, secrets, reenter, generation, draft, onChange, onField, onSecret }: Props) {
  const error = (inputId: string) => errors[envErrorKey(env.key, inputId)];
  return (
    <div className="env-form" data-environment-form={env.id}>
      <fieldset>
          <legend>Environment</legend>
          <TextField id="env.name" label="Name" value={env.name} error={error('env.name')} onChange={(name) => onChange({ name })} />
          <TextField
            id="env.id"
            label="Id"
            value={env.id}
            readOnly
            note={env.saved ? 'Its keychain key: renaming keeps it' : 'Fixed once saved (it becomes the keychain key)'}
            error={error('env.id')}
            onChange={() => undefined}
          />
          <ColourField colour={env.colour} error={error('env.colour')} onChange={(colour) => onChange({ colour })} />
        </fieldset>
      {DATABASE_KINDS.map((kind) => (
        <fieldset key={kind.id} data-kind={kind.id}>
          <legend>{kind.label}</legend>
          {kindFormItems(kind).map((item) => {
            if (item.type === 'secret') {
              const name = item.secret.name;
              return (
                <SecretField
                  key={name}
                  id={name}
                  label={secretFieldLabel(kind, item.secret)}
                  env={item.secret.envVar}
                  presence={presence[env.id]?.[name] ?? 'not_set'}
                  state={secrets[name] ?? { mode: 'keep' }}
                  reenter={reenter[name]}
                  error={error(name)}
                  onChange={(state) => onSecret(name, state)}
                />
              );
            }
            const id = textFieldId(kind, item.field);
            return (
              <TextField
                key={id}
                id={id}
                label={item.field.label}
                env={item.field.envVar}
                value={env.databases[kind.id]![item.field.key]!}
                error={error(id)}
                placeholder={placeholderOf(kind, item.field)}
                onChange={(value) => onField(kind.id, item.field.key, value)}
              />
            );
          })}
          {error(kind.id) && <p className="field-error">{error(kind.id)}</p>}
          <ConnectionTest key={`${env.key}-${kind.id}-${generation}`} environment={env.id} envKey={env.key} kind={kind} draft={draft} />
        </fieldset>
      ))}
      <MaintenanceFields env={env} onChange={(maintenance) => onChange({ maintenance })} />
      {/* A saved window the schema now refuses (e.g. for a database this environment no longer has). */}
      {error('env.maintenance') && <p className="field-error">{error('env.maintenance')}</p>}
    </div>
  );
}
