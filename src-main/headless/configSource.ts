/**
 * Where the headless host's configuration comes from, first that applies: `--config FILE`; the
 * environment variables (one environment); the app's saved settings and the OS keychain (null).
 * Two sources at once is an error that says which to drop, never a silent choice.
 */
import { ConfigurationError } from '../core/errors.js';
import type { ConfigOverride } from '../core/createMonitorCore.js';
import { environmentSecretVariablesIn, readConfigFile } from './configFile.js';
import { applyVariables, ENVIRONMENT_ID_VARIABLE, readEnvConfig, variablesSet } from './envConfig.js';

export interface ConfigSourceOptions {
  env: NodeJS.ProcessEnv;
  /** --config FILE */
  configFile?: string | undefined;
}

export function chooseConfig({ env, configFile }: ConfigSourceOptions): ConfigOverride | null {
  const idSet = Boolean(env[ENVIRONMENT_ID_VARIABLE]?.trim());
  if (configFile !== undefined) {
    const plain = variablesSet(applyVariables(env));
    if (plain.length) {
      throw new ConfigurationError(`Both --config ${configFile} and the environment variables ${plain.join(', ')} configure the monitor: pick one`, {
        hint: `Unset ${plain.join(', ')} to use --config, or drop --config to use the variables`,
      });
    }
    if (idSet) {
      throw new ConfigurationError(`${ENVIRONMENT_ID_VARIABLE} names the one environment the environment variables define; with --config the environments come from ${configFile}`, {
        hint: `Unset ${ENVIRONMENT_ID_VARIABLE} (check --env ID picks environments)`,
      });
    }
    return readConfigFile(configFile, env);
  }
  const fromVariables = readEnvConfig(env);
  const perEnvironment = environmentSecretVariablesIn(env);
  if (perEnvironment.length) {
    throw new ConfigurationError(`${perEnvironment.join(', ')} ${perEnvironment.length === 1 ? 'is' : 'are'} only read with --config FILE`, {
      hint: fromVariables ? 'Without --config, each secret has its plain name (see --help)' : 'Pass --config FILE, or unset it',
    });
  }
  if (!fromVariables && idSet) {
    throw new ConfigurationError(`${ENVIRONMENT_ID_VARIABLE} is set, but none of the variables of the environment it names is`, {
      hint: `Unset ${ENVIRONMENT_ID_VARIABLE} to use the saved settings (check --env ID picks one of their environments), or set the variables (see --help)`,
    });
  }
  return fromVariables;
}
