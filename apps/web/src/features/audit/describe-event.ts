import type { TFunction } from 'i18next';
import { formatDate, formatDateTime } from '../../lib/time';
import type { AuditEvent } from './audit-api';

export type Names = {
  readonly person: (userId: unknown) => string;
  readonly unit: (unitId: unknown) => string;
};

type Data = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** A YYYY-MM-DD local day as dd/MM/yyyy, without passing through any time zone. */
function localDay(day: unknown): string {
  const match = typeof day === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : formatDate(text(day));
}

/** What the event did, in words, in the user's language (the `events.*` strings of the audit namespace). */
export function describeEvent(event: AuditEvent, t: TFunction, names: Names): string {
  const d = event.data as Data;
  const common = (key: string) => t(key, { ns: 'common' });
  const stage = (s: unknown) => common(`stages.${text(s)}`);
  const deadline = formatDateTime(text(d['deadline']));
  switch (event.type) {
    case 'NominationDrafted': {
      const nominee = (d['nominee'] ?? {}) as Data;
      return t('events.NominationDrafted', {
        award: common(`awards.${text(d['awardType'])}`),
        nominee: text(nominee['name']),
        unit: names.unit(d['proposingUnitId']),
        year: num(d['campaignYear']),
      });
    }
    case 'DraftEdited': {
      const changes = Object.keys((d['changes'] ?? {}) as Data);
      return t('events.DraftEdited', {
        fields: changes.map((c) => t(`fields.${c}`, { defaultValue: c })).join(', '),
      });
    }
    case 'NominationSubmitted':
      return t('events.NominationSubmitted', {
        voters: Array.isArray(d['eligibleVoterUnitIds']) ? d['eligibleVoterUnitIds'].length : 0,
        deadline,
      });
    case 'BlockVoteCast':
      return (
        t('events.BlockVoteCast', {
          unit: names.unit(d['unitId']),
          choice: common(`voteChoices.${text(d['choice'])}`),
        }) + (d['comment'] ? ` — “${text(d['comment'])}”` : '')
      );
    case 'BlockVoteClosed': {
      const tally = (d['tally'] ?? {}) as Data;
      return t('events.BlockVoteClosed', {
        by: t(`closedBy.${text(d['closedBy'])}`),
        approve: num(tally['approve']),
        reject: num(tally['reject']),
        abstain: num(tally['abstain']),
        eligible: num(tally['eligible']),
        result: tally['passed'] ? t('result.passed') : t('result.failed'),
      });
    }
    case 'CouncilReviewOpened':
      return t('events.CouncilReviewOpened', {
        members: num(d['eligibleMemberCount']),
        ballot: d['secretBallot'] ? t('ballot.secret') : t('ballot.open'),
        deadline,
      });
    case 'CouncilOpinionRecorded': {
      const sealed = d['recommendation'] === 'sealed';
      return (
        t('events.CouncilOpinionRecorded', {
          member: names.person(d['memberId']),
          choice: sealed ? t('ballot.sealedChoice') : common(`voteChoices.${text(d['recommendation'])}`),
        }) + (d['comment'] ? ` — “${text(d['comment'])}”` : '')
      );
    }
    case 'CouncilReviewClosed': {
      const tally = (d['tally'] ?? {}) as Data;
      return t('events.CouncilReviewClosed', {
        by: t(`closedBy.${text(d['closedBy'])}`),
        approve: num(tally['approve']),
        reject: num(tally['reject']),
        eligible: num(tally['eligible']),
        result: tally['passed'] ? t('result.passed') : t('result.failed'),
      });
    }
    case 'ProvincialDecisionOpened':
      return t('events.ProvincialDecisionOpened', { deadline });
    case 'SupplementRequested':
      return t('events.SupplementRequested', {
        n: num(d['requestNumber']),
        reason: text(d['reason']),
        deadline,
      });
    case 'SupplementProvided':
      return (
        t('events.SupplementProvided', {
          n: num(d['requestNumber']),
          count: Array.isArray(d['evidence']) ? d['evidence'].length : 0,
        }) + (d['note'] ? ` — “${text(d['note'])}”` : '')
      );
    case 'DecisionIssued':
      return d['outcome'] === 'approved'
        ? t('events.DecisionApproved', { number: text(d['decisionNumber']) || '—', date: localDay(d['decisionDate']) })
        : t('events.DecisionRejected', { reason: text(d['reason']) || '—', date: localDay(d['decisionDate']) });
    case 'NominationWithdrawn':
      return t('events.NominationWithdrawn', { reason: text(d['reason']), stage: stage(d['fromStage']) });
    case 'NominationExpired':
      return t('events.NominationExpired', { deadline });
    case 'StageEscalated':
      return t('events.StageEscalated', { stage: stage(d['stage']), deadline });
    case 'ReminderDue':
      return t('events.ReminderDue', { stage: stage(d['stage']), deadline });
    case 'NominationPlacedOnHold':
      return t('events.NominationPlacedOnHold', { reason: text(d['reason']) });
    case 'NominationReleasedFromHold':
      return t('events.NominationReleasedFromHold', { reason: text(d['reason']), stage: stage(d['resumedStage']) });
    case 'AwardRevoked':
      return t('events.AwardRevoked', {
        ground: common(`revocationGrounds.${text(d['ground'])}`),
        details: text(d['details']),
        number: text(d['decisionNumber']) || '—',
      });
    default:
      return t('events.unknown', { type: event.type });
  }
}

/** The event type's name in words (for lists and the verify result). */
export function eventTypeName(type: string, t: TFunction): string {
  return t(`types.${type}`, { defaultValue: type });
}
