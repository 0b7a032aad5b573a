import { z } from 'zod';
import { EndpointInput, ModelEndpoint, Settings, SettingsPatch } from '../settings';
import { event, request } from './define';

export const SettingsState = z.object({
  settings: Settings,
  /** Where the file lives, and a problem found while loading it (corrupt file kept aside). */
  file: z.string(),
  loadProblem: z.string().nullable(),
});
export type SettingsState = z.infer<typeof SettingsState>;

export const ConnectionTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), latencyMs: z.number(), models: z.array(z.string()), modelListed: z.boolean(), message: z.string() }),
  z.object({ ok: z.literal(false), latencyMs: z.number(), code: z.string(), message: z.string(), hint: z.string() }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

const endpointId = z.object({ id: z.string().min(1).max(64) }).strict();

export const settingsRequests = {
  'settings.get': request(z.object({}).strict(), SettingsState),
  'settings.update': request(SettingsPatch.strict(), SettingsState),
  'endpoints.save': request(EndpointInput.strict(), ModelEndpoint),
  'endpoints.remove': request(endpointId, z.object({ removed: z.boolean() })),
  /** Test a saved endpoint, or an unsaved draft (its key, if typed, is used once and not stored). */
  'endpoints.test': request(
    z.union([endpointId, EndpointInput.omit({ id: true, name: true }).extend({
      name: z.string().optional(),
      /** Editing a saved endpoint without retyping its key: use the stored key of this id. */
      keyOf: z.string().min(1).max(64).optional(),
    }).strict()]),
    ConnectionTestResult,
  ),
};

export const settingsEvents = {
  'settings.changed': event(SettingsState),
};
