import { tasksAt, type NominationEvent, type NominationState, type Stage } from '@laurel/domain';
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

/**
 * Who is reminded of a stage's deadline: whoever the table of who acts where
 * (domain/policy/acts.ts) has a task for in that stage — each member unit yet
 * to vote, the block's leader, the council and the Board, the proposing unit,
 * the chairman — one addressee per role and place.
 */
function reminderAudience(state: NominationState, stage: Stage, blockId: string, proposingUnitId: string): Audience[] {
  const audience: Audience[] = [];
  const seen = new Set<string>();
  const add = (addressee: Audience): void => {
    const key = `${addressee.role}|${addressee.unitId ?? ''}|${addressee.blockId ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    audience.push(addressee);
  };
  for (const rule of tasksAt(stage)) {
    if (rule.forVotingUnit) {
      const voted = new Set(state.stage === 'BlockVote' ? state.blockVote.votes.map((v) => v.unitId) : []);
      const pending =
        state.stage === 'BlockVote' ? state.blockVote.eligibleVoterUnitIds.filter((u) => !voted.has(u)) : [];
      for (const unitId of pending) add({ role: rule.role, unitId });
      continue;
    }
    switch (rule.scope) {
      case 'proposing_unit':
        add({ role: rule.role, unitId: proposingUnitId });
        break;
      case 'block':
        add({ role: rule.role, blockId });
        break;
      default:
        add({ role: rule.role });
    }
  }
  return audience;
}
