import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { resolvePolicy, type DocumentFormat, type PolicyRegistry } from '@laurel/domain';
import {
  buildDocument,
  DocumentRecordError,
  renderDocument,
  type DocumentStore,
  type DocumentSubject,
  type NominationRecord,
} from '@laurel/infra/documents';
import type { Directory } from '@laurel/infra/directory';
import type { Stores } from '@laurel/infra/runtime/stores';
import { recordDocumentUpdate } from '@laurel/workflows/nomination/messages';
import { ApiError } from '../../common/api-error';
import { actorOf, NominationWorkflows } from '../../nominations/nomination-workflows';
import { CLOCK, DIRECTORY, POLICIES, STORES } from '../../tokens';
import { provinceOf } from '../document-access';
import type { IssuedDocument } from '../document-schemas';
import { DOCUMENT_STORE } from '../documents.tokens';
import { documentNames, readRecord } from '../record-reader';
import { IssueDocumentCommand } from './issue-document.command';

const FORMATS: readonly DocumentFormat[] = ['docx', 'pdf'];

@CommandHandler(IssueDocumentCommand)
export class IssueDocumentHandler implements ICommandHandler<IssueDocumentCommand> {
  constructor(
    private readonly workflows: NominationWorkflows,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ user, body }: IssueDocumentCommand): Promise<IssuedDocument> {
    const province = provinceOf(user, body.province);
    const subject: DocumentSubject =
      body.kind === 'decision'
        ? { kind: 'decision', province, decisionNumber: body.decisionNumber }
        : body.kind === 'proposal_letter'
          ? { kind: 'proposal_letter', province, unitId: body.unitId, campaignYear: body.campaignYear }
          : body.kind === 'block_minutes'
            ? { kind: 'block_minutes', province, blockId: body.blockId, campaignYear: body.campaignYear }
            : { kind: 'council_minutes', province, campaignYear: body.campaignYear };
    const ids = await this.documents.nominationIdsFor(subject);
    const read = await Promise.all(ids.map((id) => readRecord(this.stores, id)));
    const records = read.filter((r): r is typeof r & { record: NominationRecord } => r.record !== undefined);
    let built;
    try {
      built = buildDocument(
        subject,
        records.map((r) => r.record),
        documentNames(this.directory),
      );
    } catch (error) {
      if (error instanceof DocumentRecordError) {
        throw error.code === 'NOTHING_TO_ISSUE'
          ? new ApiError(404, 'NOTHING_TO_ISSUE', error.message, error.details)
          : new ApiError(409, error.code, error.message, error.details);
      }
      throw error;
    }
    const rendered = await renderDocument(built.model);
    const { documentId } = rendered;
    // The builder may have left some out (found by the read model, but not yet so in the record).
    const covered = records.filter((r) => built.model.nominationIds.includes(r.nominationId));
    for (const format of FORMATS) {
      const file = rendered.files[format];
      await this.documents.save({
        documentId,
        kind: subject.kind,
        format,
        province,
        reference: built.reference,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        contentType: file.contentType,
        bytes: file.bytes,
        nominationIds: covered.map((r) => r.nominationId),
      });
    }

    const nominations: IssuedDocument['nominations'] = [];
    let position: string | null = null;
    // One at a time: a reopened run per closed nomination, each decided against its own record.
    for (const r of covered) {
      const current = r.current.stage === 'Initial' ? [] : (r.current.documents ?? []);
      const missing = FORMATS.filter((f) => !current.some((d) => d.documentId === documentId && d.format === f));
      const nomineeName = r.record.state.nomination.nominee.name;
      if (missing.length === 0) {
        nominations.push({
          nominationId: r.nominationId,
          nomineeName,
          recordVersion: r.record.recordVersion,
          recording: 'already_recorded',
          version: r.current.version,
        });
        continue;
      }
      const args = {
        actor: actorOf(user),
        kind: subject.kind,
        documentId,
        files: missing.map((f) => ({
          format: f,
          sha256: rendered.files[f].sha256,
          sizeBytes: rendered.files[f].sizeBytes,
        })),
        recordVersion: r.record.recordVersion,
        templateId: built.template.id,
        templateVersion: built.template.version,
        reference: built.reference,
      };
      // The document's id names the request: a retry finds the first attempt's update.
      const key = documentId;
      const result =
        r.current.stage === 'Closed'
          ? await this.workflows.reopen(
              user,
              r.nominationId,
              'RecordDocument',
              recordDocumentUpdate,
              (state) => resolvePolicy(this.policies, state.nomination.province, this.clock().toISOString()),
              args,
              key,
            )
          : await this.workflows.act(user, r.nominationId, 'RecordDocument', recordDocumentUpdate, args, key);
      position = result.position;
      nominations.push({
        nominationId: r.nominationId,
        nomineeName,
        recordVersion: r.record.recordVersion,
        recording: 'recorded',
        version: result.version,
      });
    }
    return {
      documentId,
      kind: subject.kind,
      title: built.model.title,
      reference: built.reference,
      templateId: built.template.id,
      templateVersion: built.template.version,
      files: FORMATS.map((format) => ({
        format,
        sha256: rendered.files[format].sha256,
        sizeBytes: rendered.files[format].sizeBytes,
        href: `/documents/${documentId}/${format}`,
      })),
      nominations,
      position,
    };
  }
}
