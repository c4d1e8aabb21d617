/**
 * The HTTP API's contract for Laurel's own clients (the `laurel` command, the
 * demo loader): types only, taken from the API's OpenAPI document as
 * `npm run web:types` generates it, so a client is typed from what the API
 * publishes rather than from the API's source. A route or schema that changes
 * shows up here at the next generation, and `make web-types-check` fails until
 * the generated file is committed.
 */
import type { components, paths } from '../../web/src/api/schema';

/** Every route, with its parameters and answers. */
export type ApiPaths = paths;
/** Every named schema of the OpenAPI document. */
export type ApiSchemas = components['schemas'];
export type ApiSchema<Name extends keyof ApiSchemas> = ApiSchemas[Name];

/** `{ error: { code, message, details } }`: the API's one error shape. */
export type ErrorBody = ApiSchema<'ErrorBody'>;
/** `POST /auth/token` */
export type AccessToken = ApiSchema<'AccessToken'>;
/** What every nomination action answers. */
export type ActionResult = ApiSchema<'ActionResult'>;
/** `GET /nominations` */
export type NominationPage = ApiSchema<'NominationPage'>;
export type NominationListItem = ApiSchema<'NominationListItem'>;
/** `GET /nominations/:id` */
export type NominationDetail = ApiSchema<'NominationDetail'>;
export type NominationState = ApiSchema<'NominationState'>;
/** `GET /nominations/:id/history` */
export type HistoryPage = ApiSchema<'HistoryPage'>;
export type AuditEvent = ApiSchema<'AuditEvent'>;
/** `GET /nominations/:id/state` */
export type StateAt = ApiSchema<'StateAt'>;
/** `GET /nominations/:id/verify` */
export type NominationVerification = ApiSchema<'NominationVerification'>;
/** `GET /audit/verify`: NDJSON progress lines, then the result. */
export type VerifyProgress = ApiSchema<'VerifyProgress'>;
export type StoreVerification = ApiSchema<'StoreVerification'>;
/** `POST /admin/projections/rebuild`: NDJSON progress lines, then the result. */
export type RebuildProgress = ApiSchema<'RebuildProgress'>;
export type RebuildResult = ApiSchema<'RebuildResult'>;
/** `POST /documents` */
export type IssuedDocument = ApiSchema<'IssuedDocument'>;
/** `GET /certificates/forms`, `GET|PUT /certificates/forms/:formId` */
export type CertificateFormList = ApiSchema<'CertificateFormList'>;
export type CertificateForm = ApiSchema<'CertificateForm'>;
/** `GET /statistics` */
export type StatisticsView = ApiSchema<'StatisticsView'>;
/** `GET /public/decisions` */
export type PublicDecisionList = ApiSchema<'PublicDecisionList'>;
/** `GET /health` */
export type HealthReport = ApiSchema<'HealthReport'>;
