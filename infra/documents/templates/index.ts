import type { DocumentKind } from '@laurel/domain';
import { DEFAULT_TEMPLATES } from './default';
import { NINH_THUAN_TEMPLATES } from './ninh-thuan';
import type { DocumentTemplate, TemplateOverrides } from './template';

export { DEFAULT_TEMPLATES } from './default';
export { fill, type DocumentTemplate, type TemplateOverrides } from './template';

/** Provinces with wording of their own, by the directory's province id. */
export const PROVINCE_TEMPLATES: Readonly<Record<string, TemplateOverrides>> = {
  'ninh-thuan': NINH_THUAN_TEMPLATES,
};

/** The province's template of this kind, or the default; an override names itself after its province. */
export function templateFor(
  province: string,
  kind: DocumentKind,
  provinces: Readonly<Record<string, TemplateOverrides>> = PROVINCE_TEMPLATES,
): DocumentTemplate {
  const base = DEFAULT_TEMPLATES[kind];
  const override = provinces[province]?.[kind];
  if (!override) return base;
  return { ...base, ...override, id: `${province}.${kind}`, kind };
}
