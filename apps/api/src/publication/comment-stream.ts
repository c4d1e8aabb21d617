/**
 * Public comments live in the event store, one stream per nomination
 * (`comment-<nominationId>`), appended with an expected version and hash-
 * chained like every stream — not in the nomination's own stream, which only
 * its workflow writes, and not in a read-model table, which a rebuild empties:
 * a comment is a primary record the council must be able to see and the audit
 * to prove. The projection runner follows `nomination-` streams only, so these
 * never reach the nominations' read models.
 */
export const COMMENT_STREAM_PREFIX = 'comment-';

/** Stored event type: part of the stored format, never renamed. */
export const PUBLIC_COMMENT_RECORDED = 'PublicCommentRecorded';

export function commentStream(nominationId: string): string {
  return `${COMMENT_STREAM_PREFIX}${nominationId}`;
}

export interface PublicCommentData {
  readonly commentId: string;
  readonly nominationId: string;
  readonly name: string | null;
  readonly text: string;
  readonly at: string;
}
