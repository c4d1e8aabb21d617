// Documents built from the record: their digests go into the stream.
import type { RecordDocument } from '../commands';
import type { NominationEvent } from '../events';
import type { ActiveState } from '../state';
import { InputChecker } from '../validation';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS } from '../values';
import { ok, fail, invalid, actorRef, type Decision } from './common';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const DOCUMENT_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * The digests of a document built from this record. A file already recorded
 * (same document, same format) is refused, so a retried request cannot record
 * it twice; the caller checks the state first and sends only what is new.
 */
export function recordDocument(state: ActiveState, command: RecordDocument): Decision {
  const check = new InputChecker();
  const kind = check.oneOf('kind', command.kind, DOCUMENT_KINDS);
  const documentId = check.text('documentId', command.documentId, 200);
  if (!DOCUMENT_ID.test(documentId)) check.fail('documentId', 'must be letters, digits and . _ : -');
  const recordVersion = check.integer('recordVersion', command.recordVersion, 1, state.version);
  const templateId = check.text('templateId', command.templateId, 200);
  const templateVersion = check.integer('templateVersion', command.templateVersion, 1, 1_000_000);
  const reference = check.text('reference', command.reference, 500);
  const files = Array.isArray(command.files) ? command.files : [];
  if (files.length === 0) check.fail('files', 'must name at least one file');
  const formats = new Set<string>();
  files.forEach((file, i) => {
    check.oneOf(`files[${i}].format`, file?.format, DOCUMENT_FORMATS);
    if (formats.has(file?.format)) check.fail(`files[${i}].format`, 'is given twice');
    formats.add(file?.format);
    if (typeof file?.sha256 !== 'string' || !SHA256_HEX.test(file.sha256)) {
      check.fail(`files[${i}].sha256`, 'must be 64 lower-case hex digits');
    }
    check.integer(`files[${i}].sizeBytes`, file?.sizeBytes, 1, 100_000_000);
  });
  const bad = invalid(check);
  if (bad) return bad;
  const recorded = files.filter((f) =>
    (state.documents ?? []).some((d) => d.documentId === documentId && d.format === f.format),
  );
  if (recorded.length > 0) {
    return fail('ALREADY_RECORDED', `document ${documentId} is already recorded on this nomination`, {
      documentId,
      formats: recorded.map((f) => f.format),
    });
  }
  return ok(
    ...files.map((file): NominationEvent => ({
      type: 'DocumentIssued',
      data: {
        kind,
        documentId,
        format: file.format,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        recordVersion,
        templateId,
        templateVersion,
        reference,
        at: command.at,
        by: actorRef(command.actor),
      },
    })),
  );
}
