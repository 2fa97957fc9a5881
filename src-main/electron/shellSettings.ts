/**
 * The two settings the shell acts on (settings.app.notifications and .startAtLogin), cached from
 * the core's settings view so the tray and notifications read them synchronously, and applied to
 * the OS whenever they are saved — from the settings window or from the tray checkbox.
 */
import type { SettingsView } from '../common/settings-schema.js';
import type { MonitorCore } from '../core/MonitorCore.js';
import { errorSummary, type ShellLog } from './log.js';
import type { StartAtLogin } from './startAtLogin.js';

export class ShellSettings {
  notifications = true;
  startAtLogin = false;
  private appliedStartAtLogin: boolean | null = null;

  constructor(
    private readonly deps: { core: Pick<MonitorCore, 'getSettingsView' | 'saveSettings'>; login: StartAtLogin; log: ShellLog },
  ) {}

  /** Reads the saved settings and makes the OS login item match them. */
  async load(): Promise<void> {
    await this.afterSave(await this.deps.core.getSettingsView());
  }

  /** The createRendererHandlers afterSave hook (and the tray's path after saving). */
  async afterSave(view: SettingsView): Promise<void> {
    this.notifications = view.settings.app.notifications;
    this.startAtLogin = view.settings.app.startAtLogin;
    if (this.deps.login.supported && this.appliedStartAtLogin !== this.startAtLogin) {
      try {
        await this.deps.login.apply(this.startAtLogin);
        this.appliedStartAtLogin = this.startAtLogin;
      } catch (error) {
        this.deps.log.warn({ error: errorSummary(error) }, 'Could not update "start at login" with the OS');
      }
    }
  }

  /** The tray checkbox: saves settings.app.startAtLogin (secrets untouched), then applies it. */
  async setStartAtLogin(enabled: boolean): Promise<void> {
    const view = await this.deps.core.getSettingsView();
    const saved = await this.deps.core.saveSettings({
      settings: { ...view.settings, app: { ...view.settings.app, startAtLogin: enabled } },
      secrets: {}, // absent = keep, in every environment
    });
    await this.afterSave(saved);
  }
}
