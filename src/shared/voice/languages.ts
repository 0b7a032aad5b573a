// The languages whisper.cpp knows (its g_lang table), so settings can offer a list and the
// service can reject a typo before it reaches the native code (which would silently fall back).

export const WHISPER_LANGUAGES: Readonly<Record<string, string>> = {
  en: 'English', zh: 'Chinese', de: 'German', es: 'Spanish', ru: 'Russian', ko: 'Korean',
  fr: 'French', ja: 'Japanese', pt: 'Portuguese', tr: 'Turkish', pl: 'Polish', ca: 'Catalan',
  nl: 'Dutch', ar: 'Arabic', sv: 'Swedish', it: 'Italian', id: 'Indonesian', hi: 'Hindi',
  fi: 'Finnish', vi: 'Vietnamese', he: 'Hebrew', uk: 'Ukrainian', el: 'Greek', ms: 'Malay',
  cs: 'Czech', ro: 'Romanian', da: 'Danish', hu: 'Hungarian', ta: 'Tamil', no: 'Norwegian',
  th: 'Thai', ur: 'Urdu', hr: 'Croatian', bg: 'Bulgarian', lt: 'Lithuanian', la: 'Latin',
  mi: 'Maori', ml: 'Malayalam', cy: 'Welsh', sk: 'Slovak', te: 'Telugu', fa: 'Persian',
  lv: 'Latvian', bn: 'Bengali', sr: 'Serbian', az: 'Azerbaijani', sl: 'Slovenian', kn: 'Kannada',
  et: 'Estonian', mk: 'Macedonian', br: 'Breton', eu: 'Basque', is: 'Icelandic', hy: 'Armenian',
  ne: 'Nepali', mn: 'Mongolian', bs: 'Bosnian', kk: 'Kazakh', sq: 'Albanian', sw: 'Swahili',
  gl: 'Galician', mr: 'Marathi', pa: 'Punjabi', si: 'Sinhala', km: 'Khmer', sn: 'Shona',
  yo: 'Yoruba', so: 'Somali', af: 'Afrikaans', oc: 'Occitan', ka: 'Georgian', be: 'Belarusian',
  tg: 'Tajik', sd: 'Sindhi', gu: 'Gujarati', am: 'Amharic', yi: 'Yiddish', lo: 'Lao',
  uz: 'Uzbek', fo: 'Faroese', ht: 'Haitian Creole', ps: 'Pashto', tk: 'Turkmen', nn: 'Nynorsk',
  mt: 'Maltese', sa: 'Sanskrit', lb: 'Luxembourgish', my: 'Myanmar', bo: 'Tibetan',
  tl: 'Tagalog', mg: 'Malagasy', as: 'Assamese', tt: 'Tatar', haw: 'Hawaiian', ln: 'Lingala',
  ha: 'Hausa', ba: 'Bashkir', jw: 'Javanese', su: 'Sundanese', yue: 'Cantonese',
};

/** 'auto' asks whisper to detect the language from the first 30 s. */
export const AUTO_LANGUAGE = 'auto';

/** Shown first in pickers: the languages PhonePilot's users ask for most. */
export const PREFERRED_LANGUAGES = [AUTO_LANGUAGE, 'zh', 'en', 'pt'] as const;

export function isWhisperLanguage(code: string): boolean {
  return code === AUTO_LANGUAGE || Object.hasOwn(WHISPER_LANGUAGES, code);
}

/** Picker entries: preferred first, then the rest alphabetically by name. */
export function languageOptions(): Array<{ code: string; name: string }> {
  const preferred = PREFERRED_LANGUAGES.map((code) => ({ code, name: code === AUTO_LANGUAGE ? 'Auto-detect' : WHISPER_LANGUAGES[code] }));
  const rest = Object.entries(WHISPER_LANGUAGES)
    .filter(([code]) => !(PREFERRED_LANGUAGES as readonly string[]).includes(code))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...preferred, ...rest];
}
