import { publicationPolicyFor, type PublishedField } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import { ApiError } from '../common/api-error';

/** The province as the public pages name it; 404 for one the directory does not know. */
export function publicProvince(directory: Directory, id: string): { id: string; name: string } {
  const province = directory.province(id);
  if (!province) throw new ApiError(404, 'NOT_FOUND', `no province ${id}`, { province: id });
  return { id: province.id, name: province.name };
}

/** Keeps only the published fields: anything a province does not publish never leaves the API. */
export function pick<T extends object>(
  fields: ReadonlySet<PublishedField>,
  values: Partial<Record<PublishedField, unknown>>,
): T {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (fields.has(field as PublishedField)) out[field] = value;
  }
  return out as T;
}

export function publishedFields(province: string): ReadonlySet<PublishedField> {
  return new Set(publicationPolicyFor(province).fields);
}
