import { z } from 'zod';
import { named, type Described } from '../common/openapi';
import type { HealthReport } from './check-health.query';

const componentStatusSchema = named(
  'ComponentStatus',
  z.discriminatedUnion('status', [
    z.object({
      status: z.literal('up'),
      latencyMs: z.number().int(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
    z.object({ status: z.literal('down'), latencyMs: z.number().int(), error: z.string() }),
  ]),
);

export const healthReportSchema = named(
  'HealthReport',
  z.object({
    status: z.enum(['ok', 'unavailable']),
    auth: z.enum(['embedded', 'oidc']).meta({ description: 'how callers authenticate' }),
    components: z.object({
      temporal: componentStatusSchema,
      eventStore: componentStatusSchema,
      projections: componentStatusSchema,
    }),
  }),
);

export const livenessSchema = named('Liveness', z.object({ status: z.literal('ok') }));

export type HealthReportDescribed = Described<HealthReport, typeof healthReportSchema>;
