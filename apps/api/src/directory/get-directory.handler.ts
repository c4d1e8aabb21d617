import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Directory, EmulationBlock, Province } from '@laurel/infra/directory';
import { DIRECTORY } from '../tokens';
import { GetDirectoryQuery, type DirectoryView } from './get-directory.query';

@QueryHandler(GetDirectoryQuery)
export class GetDirectoryHandler implements IQueryHandler<GetDirectoryQuery> {
  constructor(@Inject(DIRECTORY) private readonly directory: Directory) {}

  async execute({ user }: GetDirectoryQuery): Promise<DirectoryView> {
    // Names are not secret inside a province, so every role sees its whole province;
    // a caller with no province (only administrators have none) and no admin role sees nothing.
    const provinces: readonly Province[] =
      user.role === 'admin'
        ? this.directory.provinces()
        : [user.province === undefined ? undefined : this.directory.province(user.province)].filter(
            (p): p is Province => p !== undefined,
          );
    const blocks = provinces.flatMap((p) => this.directory.blocksOf(p.id));
    const provinceIds = new Set(provinces.map((p) => p.id));
    const units = this.unitsOf(provinceIds, blocks);
    return {
      provinces: provinces.map(({ id, name }) => ({ id, name })),
      blocks: blocks.map((block) => this.blockView(block)),
      units,
    };
  }

  private blockView(block: EmulationBlock): DirectoryView['blocks'][number] {
    const leader = this.directory.users().find((u) => u.role === 'block_leader' && u.blockId === block.id);
    return {
      id: block.id,
      name: block.name,
      provinceId: block.province,
      memberUnitIds: [...block.memberUnitIds],
      leader: leader ? { userId: leader.id, displayName: leader.displayName, unitId: leader.unitId ?? null } : null,
    };
  }

  /**
   * The Directory port lists units by block only, so units outside every block
   * (provincial departments) are found through the people who belong to them.
   */
  private unitsOf(provinceIds: ReadonlySet<string>, blocks: readonly EmulationBlock[]): DirectoryView['units'] {
    const unitIds = new Set(blocks.flatMap((b) => b.memberUnitIds));
    for (const user of this.directory.users()) if (user.unitId !== undefined) unitIds.add(user.unitId);
    return [...unitIds]
      .map((id) => this.directory.unit(id))
      .filter((unit) => unit !== undefined && provinceIds.has(unit.province))
      .map((unit) => ({ id: unit!.id, name: unit!.name, provinceId: unit!.province, blockId: unit!.blockId ?? null }));
  }
}
