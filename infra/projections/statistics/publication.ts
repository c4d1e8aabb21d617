import type { SqlQueryable } from '../../event-store/sql/sql-client';
import type { ProjectionTables } from '../schema';
import { isoText } from '../sql-text';

/** A standing award as the public list may show it; the API drops what the province does not publish. */
export interface PublishedAward {
  readonly nominationId: string;
  readonly name: string;
  readonly position: string | null;
  readonly unitId: string;
  readonly awardType: string;
  readonly nomineeKind: string;
  readonly decisionNumber: string | null;
  /** YYYY-MM-DD, the province's local date. */
  readonly decisionDate: string;
}

/** A proposal in council review, as a comment period lists it. */
export interface ProposalForComment {
  readonly nominationId: string;
  readonly name: string;
  readonly position: string | null;
  readonly unitId: string;
  readonly awardType: string;
  readonly nomineeKind: string;
  readonly campaignYear: number;
  /** When the council review opened: the comment period runs from it. */
  readonly councilReviewSince: string;
}

/**
 * The public side of the statistics rows. Only `Awarded` rows: a withdrawn,
 * rejected or expired nomination was never an award, and a revoked one no
 * longer stands (its history stays in the store and the audit, and the
 * revocation is a decision of its own).
 */
export class Publication {
  private readonly table: string;

  constructor(
    private readonly sql: SqlQueryable,
    tables: ProjectionTables,
  ) {
    this.table = tables.statistics;
  }

  /** The standing awards of a province's campaign year, newest decision first. */
  async awards(province: string, year: number): Promise<PublishedAward[]> {
    return this.sql.query<PublishedAward>(
      `SELECT nomination_id AS "nominationId", nominee_name AS name, nominee_position AS position,
          nominee_unit_id AS "unitId", award_type AS "awardType", nominee_kind AS "nomineeKind",
          decision_number AS "decisionNumber", to_char(decision_date, 'YYYY-MM-DD') AS "decisionDate"
        FROM ${this.table}
        WHERE outcome = 'Awarded' AND province = $1 AND campaign_year = $2::int AND decision_date IS NOT NULL
        ORDER BY decision_date DESC, decision_number, award_type, nominee_name, nomination_id`,
      [province, year],
      { prepare: true },
    );
  }

  /** The campaign years in which a province has standing awards, newest first. */
  async years(province: string): Promise<number[]> {
    const rows = await this.sql.query<{ year: number }>(
      `SELECT DISTINCT campaign_year AS year FROM ${this.table}
        WHERE outcome = 'Awarded' AND province = $1 ORDER BY campaign_year DESC`,
      [province],
      { prepare: true },
    );
    return rows.map((r) => r.year);
  }

  /** Every nomination of the province now in council review. */
  async inCouncilReview(province: string): Promise<ProposalForComment[]> {
    return this.sql.query<ProposalForComment>(
      `SELECT nomination_id AS "nominationId", nominee_name AS name, nominee_position AS position,
          nominee_unit_id AS "unitId", award_type AS "awardType", nominee_kind AS "nomineeKind",
          campaign_year AS "campaignYear", ${isoText('stage_entered_at')} AS "councilReviewSince"
        FROM ${this.table}
        WHERE stage = 'CouncilReview' AND province = $1
        ORDER BY stage_entered_at, nomination_id`,
      [province],
      { prepare: true },
    );
  }

  async proposal(
    nominationId: string,
  ): Promise<(ProposalForComment & { province: string; stage: string }) | undefined> {
    const rows = await this.sql.query<ProposalForComment & { province: string; stage: string }>(
      `SELECT nomination_id AS "nominationId", nominee_name AS name, nominee_position AS position,
          nominee_unit_id AS "unitId", award_type AS "awardType", nominee_kind AS "nomineeKind",
          campaign_year AS "campaignYear", ${isoText('stage_entered_at')} AS "councilReviewSince",
          province, stage
        FROM ${this.table} WHERE nomination_id = $1`,
      [nominationId],
      { prepare: true },
    );
    return rows[0];
  }
}
