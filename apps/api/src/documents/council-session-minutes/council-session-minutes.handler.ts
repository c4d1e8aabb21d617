import { Inject, Injectable } from '@nestjs/common';
import type { AwardType, DocumentFormat } from '@laurel/domain';
import {
  buildCouncilSessionMinutes,
  renderDocument,
  templateFor,
  type DocumentStore,
  type RenderedFile,
} from '@laurel/infra/documents';
import type { Directory } from '@laurel/infra/directory';
import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import type { Stores } from '@laurel/infra/runtime/stores';
import { eventIdFor } from '@laurel/infra/temporal/nomination-activities';
import { councilSessionStreamName } from '@laurel/workflows/session/messages';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { ApiError } from '../../common/api-error';
import type { ReadModels, SessionHeader } from '../../projections/read-models';
import { mayReadCouncilSession } from '../../sessions/session-access';
import { readHeader, sessionNotFound } from '../../sessions/session-views';
import { DIRECTORY, PROJECTIONS, STORES } from '../../tokens';
import { DOCUMENT_STORE } from '../documents.tokens';
import { documentNames } from '../record-reader';

/** Stored type of the event that records a session's minutes in the session's own stream. */
export const COUNCIL_SESSION_MINUTES_ISSUED = 'CouncilSessionMinutesIssued';

const FORMATS: readonly DocumentFormat[] = ['docx', 'pdf'];

export interface MinutesFile extends RenderedFile {
  readonly documentId: string;
}

/**
 * The minutes of a closed council session, built from its record (the
 * sessions read model, fed by the session's stream and its items'). Like the
 * other documents, the files are kept in the document store under their
 * content digest and their sha256 is recorded — here in the session's own
 * stream, once per document id, since the session is the meeting they record.
 */
@Injectable()
export class CouncilSessionMinutes {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async file(user: AuthenticatedUser, sessionId: string, format: DocumentFormat): Promise<MinutesFile> {
    const header = await readHeader(this.readModels, 'council', sessionId);
    if (!mayReadCouncilSession(user, header)) throw sessionNotFound('council', sessionId);
    const closed = header.closed;
    if (header.stage !== 'Closed' || !closed) {
      throw new ApiError(409, 'WRONG_STAGE', 'minutes are made of a closed session', { stage: header.stage });
    }
    if (closed.quorumMet && header.totals.closed < header.itemCount) {
      throw new ApiError(409, 'WRONG_STAGE', 'the session is still counting its items; retry shortly', {
        counted: header.totals.closed,
        items: header.itemCount,
      });
    }
    const rows = await this.readModels.sessionItems(header);
    const first = rows[0] ? await this.readModels.findNomination(rows[0].nominationId) : undefined;
    const template = templateFor(header.province, 'council_minutes');
    const model = buildCouncilSessionMinutes(
      {
        sessionId,
        province: header.province,
        title: header.title,
        campaignYear: first?.campaignYear ?? Number(header.openedAt.slice(0, 4)) - 1,
        openedAt: header.openedAt,
        memberIds: header.memberIds,
        presentMemberIds: header.ballots.map((b) => b.memberId ?? ''),
        quorumRatio: header.quorumRatio,
        closed,
        items: rows.map((r) => {
          const item = r.item as {
            nomineeName: string;
            proposingUnitId: string;
            awardType: AwardType;
            secretBallot: boolean;
            recusedMemberIds: string[];
          };
          const tally = r.result as {
            approve: number;
            reject: number;
            eligible: number;
            responded: number;
            passed: boolean;
          } | null;
          return { nominationId: r.nominationId, ...item, ...(tally ? { tally } : {}) };
        }),
      },
      template,
      documentNames(this.directory),
    );
    const rendered = await renderDocument(model);
    const { documentId } = rendered;
    for (const f of FORMATS) {
      const file = rendered.files[f];
      await this.documents.save({
        documentId,
        kind: 'council_minutes',
        format: f,
        province: header.province,
        reference: `council-session ${sessionId}`,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        contentType: file.contentType,
        bytes: file.bytes,
        nominationIds: model.nominationIds,
      });
    }
    await this.record(user, header, documentId, rendered.files, template);
    return { ...rendered.files[format], documentId };
  }

  /** Appends the minutes' digests to the session's stream unless this document is there already. */
  private async record(
    user: AuthenticatedUser,
    header: SessionHeader,
    documentId: string,
    files: Readonly<Record<DocumentFormat, RenderedFile>>,
    template: { id: string; version: number },
  ): Promise<void> {
    const stream = councilSessionStreamName(header.sessionId);
    for (let attempt = 0; attempt < 3; attempt++) {
      let version = 0;
      for await (const e of this.stores.events.readStream(stream)) {
        version = e.version;
        if (e.type === COUNCIL_SESSION_MINUTES_ISSUED && e.data['documentId'] === documentId) return;
      }
      try {
        await this.stores.events.append(
          stream,
          [
            {
              id: eventIdFor(`${stream}@${version + 1}`),
              type: COUNCIL_SESSION_MINUTES_ISSUED,
              data: {
                documentId,
                files: FORMATS.map((f) => ({ format: f, sha256: files[f].sha256, sizeBytes: files[f].sizeBytes })),
                templateId: template.id,
                templateVersion: template.version,
                sessionVersion: header.version,
              },
              metadata: {
                actor: {
                  userId: user.userId,
                  role: user.role,
                  ...(user.unitId !== undefined ? { unitId: user.unitId } : {}),
                },
                causationId: `minutes:${documentId}`,
                correlationId: header.sessionId,
                schemaVersion: 1,
              },
            },
          ],
          version,
        );
        return;
      } catch (error) {
        // Two readers issuing at once: read again, and find the other's record.
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
  }
}
