/** The app version shown in snapshots and the CLI, read from package.json (bundlers inline it). */
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
