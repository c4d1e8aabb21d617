import type { i18n as I18n } from 'i18next';

/** An award's own names, as GET /awards gives them for the awards a province or block defines. */
export type AwardNames = { readonly vi: string; readonly en: string };

/**
 * An award's label: the glossary's for the national awards (common:awards.*);
 * for a local award (`local/…`), the names the API gave — Vietnamese, and in
 * English "English (Vietnamese)" like the glossary — else the code itself.
 * Never blank and never a thrown error, whatever code a screen meets.
 */
export function awardLabel(i18n: I18n, code: string | null | undefined, names?: AwardNames): string {
  if (!code) return '';
  const key = `awards.${code}`;
  if (i18n.exists(key, { ns: 'common' })) return i18n.t(key, { ns: 'common' });
  if (names) return i18n.language === 'en' ? `${names.en} (${names.vi})` : names.vi;
  return code;
}
