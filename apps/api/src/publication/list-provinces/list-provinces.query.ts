import { Query } from '@nestjs/cqrs';

export interface PublicProvinceList {
  readonly provinces: readonly {
    readonly id: string;
    readonly name: string;
    readonly consultsBeforeCouncil: boolean;
  }[];
}

/** The provinces the public pages can show, and which of them consult before their council sits. */
export class ListPublicProvincesQuery extends Query<PublicProvinceList> {}
