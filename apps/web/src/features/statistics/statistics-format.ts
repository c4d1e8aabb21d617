import type { TFunction } from 'i18next';

/** A share as "66,7 %" (one decimal, the language's separator); "—" without a denominator. */
export function formatShare(share: number | null | undefined, language: string): string {
  if (share === null || share === undefined) return '—';
  return `${new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share * 100)} %`;
}

export function formatNumber(value: number | null | undefined, language: string, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: digits }).format(value);
}

export function outcomeName(t: TFunction<'statistics'>, outcome: string): string {
  return outcome === 'InProgress' ? t('inProgress') : t(`outcomes.${outcome}`, { ns: 'common' });
}
