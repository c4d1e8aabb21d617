import { unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { fileNameOf, saveBlob } from '../../lib/download';
import type { StatisticsSearch } from './index';

export const AWARDS = [
  'ProvincialEmulationFlag',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialCertificateOfMerit',
] as const;

export type StatisticsQuery = NonNullable<paths['/statistics']['get']['parameters']['query']>;

/** The API's query for the URL's filters: what the figures, the exports and the test all send. */
export function statisticsQuery(search: StatisticsSearch, lang: 'vi' | 'en'): StatisticsQuery {
  return {
    ...(search.province ? { province: search.province } : {}),
    ...(search.block ? { block: search.block } : {}),
    ...(search.unit ? { unit: search.unit } : {}),
    ...(search.year ? { year: search.year } : {}),
    ...(search.awardType ? { awardType: search.awardType as (typeof AWARDS)[number] } : {}),
    ...(search.outcome ? { outcome: search.outcome } : {}),
    ...(search.groupBy ? { groupBy: search.groupBy } : {}),
    lang,
  };
}

/** Saves a response body as a file: exports need the bearer token, so a plain link cannot fetch them. */
export async function download(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fallbackName: string,
) {
  const blob = (await unwrap(call)) as Blob;
  saveBlob(blob, fileNameOf((await call).response, fallbackName));
}
