import { z } from 'zod';

export const MODEL_PROTOCOLS = ['autoglm', 'uitars', 'generic'] as const;
export const ModelProtocol = z.enum(MODEL_PROTOCOLS);
export type ModelProtocol = z.infer<typeof ModelProtocol>;

const httpUrl = z.string().trim().url().refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');

/** An endpoint as stored and as the renderer sees it: the API key itself never appears here. */
export const ModelEndpoint = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  baseURL: httpUrl,
  model: z.string().trim().min(1).max(200),
  protocol: ModelProtocol,
  /** True when a key is stored for this endpoint (in safeStorage or the 0600 secrets file). */
  hasApiKey: z.boolean(),
});
export type ModelEndpoint = z.infer<typeof ModelEndpoint>;

/** What the renderer sends to create or edit an endpoint. apiKey: undefined keeps, '' clears. */
export const EndpointInput = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(80),
  baseURL: httpUrl,
  model: z.string().trim().min(1).max(200),
  protocol: ModelProtocol,
  apiKey: z.string().max(4096).optional(),
});
export type EndpointInput = z.infer<typeof EndpointInput>;

export const Theme = z.enum(['system', 'light', 'dark']);

export const SETTINGS_VERSION = 1;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  theme: Theme.default('system'),
  endpoints: z.array(ModelEndpoint).default([]),
  activeEndpointId: z.string().nullable().default(null),
  adb: z.object({
    /** Explicit adb binary; empty means search PATH and ANDROID_HOME. */
    path: z.string().default(''),
    /** 0 means what adb itself would use (ANDROID_ADB_SERVER_PORT, else 5037). */
    serverPort: z.number().int().min(0).max(65535).default(0),
    /** Extra adb servers (device farms, lab hosts running `adb -a`), host:port. */
    remoteServers: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/)).default([]),
  }).default({ path: '', serverPort: 0, remoteServers: [] }),
  scrcpy: z.object({
    /** A scrcpy-server file the user picked, and its version. */
    serverPath: z.string().default(''),
    serverVersion: z.string().default(''),
  }).default({ serverPath: '', serverVersion: '' }),
  voice: z.object({
    /** The active ggml model; empty means the first model in the models directory. */
    modelPath: z.string().default(''),
    language: z.string().default('auto'),
    /** Start the task as soon as the transcript arrives, instead of leaving it to edit. */
    sendImmediately: z.boolean().default(false),
    /** KeyboardEvent.code of the hold-to-talk key (used only while focus is not in a text field). */
    shortcut: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, 'a KeyboardEvent.code such as Space or KeyV').default('Space'),
    /** A recording stops (and is transcribed) by itself after this long. */
    maxSeconds: z.number().int().min(5).max(300).default(60),
    /** The model is unloaded after this long without use (0 = keep it loaded). */
    idleUnloadMinutes: z.number().int().min(0).max(1440).default(5),
  }).default({ modelPath: '', language: 'auto', sendImmediately: false, shortcut: 'Space', maxSeconds: 60, idleUnloadMinutes: 5 }),
  agent: z.object({
    maxSteps: z.number().int().min(1).max(500).default(50),
    lang: z.enum(['en', 'zh']).default('en'),
    /** Set the phone's animation scales to 0 while a task runs (the user's values come back after). */
    animationsOff: z.boolean().default(true),
  }).default({ maxSteps: 50, lang: 'en', animationsOff: true }),
  /** Trace retention, applied at start and after each task: keep the newest N / the last N days (0 = no limit). */
  traces: z.object({
    keepLast: z.number().int().min(0).max(1_000_000).default(0),
    keepDays: z.number().int().min(0).max(36_500).default(0),
  }).default({ keepLast: 0, keepDays: 0 }),
});
export type Settings = z.infer<typeof Settings>;

/** Everything except endpoints, which have their own requests (they carry secrets). */
export const SettingsPatch = Settings.omit({ version: true, endpoints: true }).partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export interface EndpointPreset {
  id: string;
  label: string;
  name: string;
  baseURL: string;
  model: string;
  protocol: ModelProtocol;
  needsKey: boolean;
}

export const ENDPOINT_PRESETS: readonly EndpointPreset[] = [
  { id: 'local-vllm', label: 'Local vLLM / SGLang (AutoGLM-Phone-9B)', name: 'Local AutoGLM', baseURL: 'http://localhost:8000/v1', model: 'autoglm-phone-9b', protocol: 'autoglm', needsKey: false },
  { id: 'bigmodel', label: 'BigModel (Zhipu) autoglm-phone', name: 'BigModel AutoGLM', baseURL: 'https://open.bigmodel.cn/api/paas/v4', model: 'autoglm-phone', protocol: 'autoglm', needsKey: true },
  { id: 'zai', label: 'z.ai autoglm-phone-multilingual', name: 'z.ai AutoGLM', baseURL: 'https://api.z.ai/api/paas/v4', model: 'autoglm-phone-multilingual', protocol: 'autoglm', needsKey: true },
  { id: 'openai-generic', label: 'OpenAI-compatible vision model (generic)', name: 'GPT-4o', baseURL: 'https://api.openai.com/v1', model: 'gpt-4o', protocol: 'generic', needsKey: true },
];
