import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from './locales/en/common.json';
import viCommon from './locales/vi/common.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'laurel.language';

/**
 * Each screen keeps its strings beside it, in features/<name>/locales/<lng>.json,
 * loaded here as the namespace <name>; `common` holds the glossary (awards,
 * roles, stages, refusal codes) every screen shares.
 */
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/locales/*.json', {
  eager: true,
});

function resources(): Record<Language, Record<string, Record<string, unknown>>> {
  const all: Record<Language, Record<string, Record<string, unknown>>> = {
    vi: { common: viCommon },
    en: { common: enCommon },
  };
  for (const [file, module] of Object.entries(featureFiles)) {
    const match = /features\/([^/]+)\/locales\/(vi|en)\.json$/.exec(file);
    if (match) all[match[2] as Language][match[1] as string] = module.default;
  }
  return all;
}

export function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

export const namespaces = ['common', ...new Set(Object.keys(featureFiles).map((f) => f.split('/')[2] as string))];

void i18next.use(initReactI18next).init({
  resources: resources(),
  lng: initialLanguage(),
  fallbackLng: 'vi',
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
