import type { NominationEvent, NominationState } from '@laurel/domain';
import type { Audience, Notification } from './activities';

/**
 * Who hears about what. Pure: derived from the events an action produced and
 * the state after them, so a replay derives the same notifications.
 */
export function notificationsFor(
  events: readonly NominationEvent[],
  after: NominationState,
  firstVersion: number,
): Notification[] {
  if (after.stage === 'Initial') return [];
  const { nominationId, proposingUnitId, blockId, nominee, awardType } = after.nomination;
  const subject = `${awardType} for ${nominee.name}`;
  const unit: Audience[] = [
    { role: 'unit_officer', unitId: proposingUnitId },
    { role: 'unit_head', unitId: proposingUnitId },
  ];
  const notifications: Notification[] = [];
  events.forEach((event, index) => {
    const base = { id: `${nominationId}@${firstVersion + index}`, nominationId, createdAt: event.data.at };
    switch (event.type) {
      case 'ReminderDue': {
        const { stage, deadline } = event.data;
        notifications.push({
          ...base,
          kind: 'reminder',
          stage,
          dueAt: deadline,
          audience: reminderAudience(after, stage, blockId, proposingUnitId),
          message: `Reminder: ${subject} is due at ${stage} by ${deadline}`,
        });
        break;
      }
      case 'StageEscalated':
        notifications.push({
          ...base,
          kind: 'escalation',
          stage: event.data.stage,
          dueAt: event.data.deadline,
          audience: [{ role: 'admin' }, { role: 'board_officer' }],
          message: `Overdue: ${subject} passed its ${event.data.stage} deadline ${event.data.deadline}`,
        });
        break;
      case 'SupplementRequested':
        notifications.push({
          ...base,
          kind: 'supplement_requested',
          stage: 'AwaitingSupplement',
          dueAt: event.data.deadline,
          audience: [{ role: 'unit_officer', unitId: proposingUnitId }],
          message: `Supplement requested for ${subject}: ${event.data.reason}`,
        });
        break;
      case 'AwardRevoked':
        notifications.push({
          ...base,
          kind: 'revocation',
          stage: 'Closed',
          audience: unit,
          message: `${subject}: award revoked (${event.data.ground})`,
        });
        break;
      default:
        break;
    }
  });
  if (after.stage === 'Closed' && events.some((e) => e.type !== 'AwardRevoked')) {
    notifications.push({
      id: `${nominationId}@${firstVersion + events.length - 1}:outcome`,
      nominationId,
      kind: 'outcome',
      stage: 'Closed',
      audience: unit,
      message: `${subject}: ${after.outcome}`,
      createdAt: after.closedAt,
    });
  }
  return notifications;
}

function reminderAudience(state: NominationState, stage: string, blockId: string, proposingUnitId: string): Audience[] {
  switch (stage) {
    case 'BlockVote': {
      const voted = new Set(state.stage === 'BlockVote' ? state.blockVote.votes.map((v) => v.unitId) : []);
      const pending =
        state.stage === 'BlockVote' ? state.blockVote.eligibleVoterUnitIds.filter((u) => !voted.has(u)) : [];
      return [...pending.map((unitId) => ({ role: 'unit_head', unitId })), { role: 'block_leader', blockId }];
    }
    case 'CouncilReview':
      return [{ role: 'council_member' }, { role: 'board_officer' }];
    case 'AwaitingSupplement':
      return [{ role: 'unit_officer', unitId: proposingUnitId }];
    default:
      return [{ role: 'chairman' }];
  }
}
