import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { named } from '../common/openapi';

export const directoryProvinceSchema = named(
  'DirectoryProvince',
  z.object({
    id: z.string().meta({ example: 'ninh-thuan' }),
    name: z.string().meta({ example: 'Ninh Thuận' }),
  }),
);

export const directoryBlockSchema = named(
  'DirectoryBlock',
  z.object({
    id: z.string(),
    name: z.string().meta({ example: 'Khối các cơ quan Đảng' }),
    provinceId: z.string(),
    memberUnitIds: z.array(z.string()).meta({ description: "the block's member units, in the block's order" }),
    leader: z
      .object({
        userId: z.string(),
        displayName: z.string(),
        unitId: z.string().nullable().meta({ description: 'the leading unit' }),
      })
      .nullable()
      .meta({ description: "this year's block leader; null when the directory names none" }),
  }),
);

export const directoryUnitSchema = named(
  'DirectoryUnit',
  z.object({
    id: z.string(),
    name: z.string().meta({ example: 'Văn phòng Tỉnh ủy' }),
    provinceId: z.string(),
    blockId: z.string().nullable().meta({ description: 'null for provincial departments outside any block' }),
  }),
);

export const directoryViewSchema = named(
  'Directory',
  z.object({
    provinces: z.array(directoryProvinceSchema),
    blocks: z.array(directoryBlockSchema),
    units: z.array(directoryUnitSchema),
  }),
);

export type DirectoryView = z.infer<typeof directoryViewSchema>;

/**
 * The provinces, blocks and units the caller may see, for showing names
 * instead of ids: an administrator sees every province, anyone else their own.
 */
export class GetDirectoryQuery extends Query<DirectoryView> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}
