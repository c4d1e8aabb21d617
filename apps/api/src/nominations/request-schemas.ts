import { z } from 'zod';
import {
  EVIDENCE_KINDS,
  INITIATIVE_SCOPES,
  LOCAL_AWARD_CODE,
  MAX_AWARD_CODE_LENGTH,
  NATIONAL_AWARD_TYPES,
  type EvidenceKind,
  type LocalAwardType,
  type NationalAwardType,
  type TitleCode,
} from '@laurel/domain';

/**
 * Request bodies as zod schemas: strict objects (an unknown field is a 400),
 * limits mirroring the domain's InputChecker so a body the API accepts is not
 * then refused for its shape by the workflow. Strings arrive already in NFC.
 */

export const text = (max: number) => z.string().trim().min(1).max(max);
const year = z.number().int().min(1945).max(2200);

/** The domain's lists as zod enum tuples (they are non-empty constants). */
export const nationalAwardTypeSchema = z.enum(
  NATIONAL_AWARD_TYPES as readonly NationalAwardType[] as [NationalAwardType, ...NationalAwardType[]],
);
/**
 * A local award's code by its shape; whether the policy in effect for the
 * nominee's province and block defines it is judged when the draft is decided
 * (AWARD_TYPE_UNKNOWN otherwise). GET /awards lists the codes in effect.
 */
export const localAwardTypeSchema = z
  .string()
  .max(MAX_AWARD_CODE_LENGTH)
  .regex(LOCAL_AWARD_CODE, 'must be a national award code or a local one, local/<definer>/<name>')
  .meta({ example: 'local/nt-party-agencies/excellent-3-years' }) as unknown as z.ZodType<LocalAwardType>;
export const awardTypeSchema = z.union([nationalAwardTypeSchema, localAwardTypeSchema]);
const evidenceKindSchema = z.enum(EVIDENCE_KINDS as readonly EvidenceKind[] as [EvidenceKind, ...EvidenceKind[]]);

const TITLE_CODES = [
  ...NATIONAL_AWARD_TYPES,
  'GrassrootsEmulationFighter',
  'AdvancedWorker',
  'AdvancedLabourCollective',
  'CertificateOfCommendation',
] as const satisfies readonly TitleCode[];

export const evidenceSchema = z
  .object({
    documentId: text(200),
    title: text(500),
    kind: evidenceKindSchema,
    sizeBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    sha256: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters')
      .transform((s) => s.toLowerCase()),
  })
  .strict()
  .meta({ description: 'A dossier document: the file lives in a document store; its hash goes into the event.' });

export const nomineeSchema = z
  .object({
    kind: z.enum(['individual', 'collective']),
    name: text(300).meta({ example: 'Nguyễn Thị Hương' }),
    /** Defaults to the proposing unit. */
    unitId: text(200).optional(),
    personId: text(200).optional(),
    position: text(200).optional(),
    frontLine: z.boolean().optional(),
    hardshipArea: z.boolean().optional(),
  })
  .strict();

export const recordSchema = z
  .object({
    titles: z
      .array(
        z
          .object({
            year,
            title: z.union([z.enum(TITLE_CODES), localAwardTypeSchema]),
            decisionNumber: text(100).optional(),
          })
          .strict(),
      )
      .max(200)
      .default([]),
    ratings: z
      .array(z.object({ year, rating: z.enum(['Excellent', 'Good', 'Completed', 'NotCompleted']) }).strict())
      .max(200)
      .default([]),
    initiatives: z
      .array(z.object({ year, title: text(500), scope: z.enum(INITIATIVE_SCOPES) }).strict())
      .max(200)
      .default([]),
    memberStats: z
      .object({
        memberCount: z.number().int().min(1).max(1_000_000),
        completedTasks: z.number().int().min(0),
        advancedWorkers: z.number().int().min(0),
        grassrootsFighters: z.number().int().min(0),
      })
      .strict()
      .optional(),
    flags: z
      .object({
        acclaimedByBlock: z.boolean(),
        exceededTargets: z.boolean(),
        exemplary: z.boolean(),
        newModels: z.boolean(),
        underDisciplinaryReview: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

/** A body that carries nothing: absent, or `{}`. */
export const emptyBodySchema = z.preprocess((v) => v ?? {}, z.object({}).strict());

export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 visible ASCII characters');
