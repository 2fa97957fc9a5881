/**
 * Where the settings window opens: one field of one kind in one environment, e.g. a card's "Open settings"
 * for a rejected password. It travels in the settings page's address (?environment=…&database=…&field=…),
 * so it is validated on the way in like any other input. Browser-safe.
 */
import * as z from 'zod';
import { DatabaseIdSchema, EnvironmentIdSchema } from './schemas.js';

export const SettingsFocusSchema = z
  .object({
    environment: EnvironmentIdSchema,
    database: DatabaseIdSchema,
    /** A registry field: a secret's name (e.g. "neo4jPassword") or a text field's key (e.g. "uri"). */
    field: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
  })
  .strict();
export type SettingsFocus = z.infer<typeof SettingsFocusSchema>;

/** "?environment=production&database=neo4j&field=user". */
export function settingsFocusQuery(focus: SettingsFocus): string {
  return `?${new URLSearchParams(focus).toString()}`;
}

/** The focus a settings page's address asks for; null when it names none or something that is not one. */
export function settingsFocusFrom(search: string): SettingsFocus | null {
  const params = new URLSearchParams(search);
  const parsed = SettingsFocusSchema.safeParse({ environment: params.get('environment'), database: params.get('database'), field: params.get('field') });
  return parsed.success ? parsed.data : null;
}
