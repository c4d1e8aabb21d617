import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { publicationPolicyFor } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import { DIRECTORY } from '../../tokens';
import { ListPublicProvincesQuery, type PublicProvinceList } from './list-provinces.query';

@QueryHandler(ListPublicProvincesQuery)
export class ListPublicProvincesHandler implements IQueryHandler<ListPublicProvincesQuery> {
  constructor(@Inject(DIRECTORY) private readonly directory: Directory) {}

  async execute(): Promise<PublicProvinceList> {
    return {
      provinces: this.directory.provinces().map((p) => ({
        id: p.id,
        name: p.name,
        consultsBeforeCouncil: publicationPolicyFor(p.id).commentPeriod !== undefined,
      })),
    };
  }
}
