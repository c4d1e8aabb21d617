import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import {
  decide,
  initialState,
  resolvePolicy,
  type DraftNomination,
  type PolicyRegistry,
  type PolicySet,
} from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import type { ActionArgs, ActionResult } from '@laurel/workflows/nomination/messages';
import { assertRoleMayAct, outOfScope } from '../../access/nomination-access';
import { CampaignWorkflows } from '../../campaigns/campaign-workflows';
import { CLOCK, DIRECTORY, POLICIES } from '../../tokens';
import { apiErrorFromDomain } from '../domain-errors';
import { checkedNomineeUnit } from '../nominee-unit';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { DraftNominationCommand } from './draft-nomination.command';

/** Namespace of nomination ids derived from an Idempotency-Key, so a retried create names the same nomination. */
export const IDEMPOTENT_NOMINATION_NAMESPACE = 'a6d0f7c4-2b1e-5c8a-9d3f-4e6b8a1c2d5e';

interface PreparedDraft {
  readonly nominationId: string;
  readonly policy: PolicySet;
  readonly args: ActionArgs<DraftNomination>;
}

@CommandHandler(DraftNominationCommand)
export class DraftNominationHandler implements ICommandHandler<DraftNominationCommand> {
  constructor(
    private readonly workflows: NominationWorkflows,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
    private readonly campaigns: CampaignWorkflows,
  ) {}

  async execute(command: DraftNominationCommand): Promise<ActionResult> {
    let draft: PreparedDraft;
    try {
      draft = this.prepare(command);
    } catch (error) {
      this.workflows.refusedEarly('DraftNomination', command.user, error);
      throw error;
    }
    const { campaignId } = draft.args;
    if (campaignId !== undefined) {
      // The campaign admits it (window, year, planned award, quota) before its workflow starts.
      const { nominationId, args } = draft;
      await this.campaigns.admit(command.user, campaignId, {
        nominationId,
        awardType: args.awardType,
        campaignYear: args.campaignYear,
        province: args.province,
        unitId: args.proposingUnitId,
        ...(args.dossierId !== undefined ? { dossierId: args.dossierId } : {}),
      });
    }
    try {
      return await this.workflows.start(
        command.user,
        draft.nominationId,
        draft.policy,
        draft.args,
        command.idempotencyKey,
      );
    } catch (error) {
      // A nomination that was never created gives its place in the campaign back.
      if (campaignId !== undefined) {
        await this.campaigns
          .release(command.user, campaignId, draft.nominationId, 'the draft was refused')
          .catch(() => {});
      }
      throw error;
    }
  }

  /** Everything a draft needs before its workflow starts; refuses what the decider would. */
  private prepare(command: DraftNominationCommand): PreparedDraft {
    const { user, body, idempotencyKey, dossierId } = command;
    assertRoleMayAct(user, 'DraftNomination');
    // The unit, block and province come from the directory, never from the body.
    const unit = user.unitId === undefined ? undefined : this.directory.unit(user.unitId);
    const block = unit && this.directory.blockOfUnit(unit.id);
    if (!unit || !block) {
      throw outOfScope('only a unit that is a member of an emulation block can propose', {
        yourUnitId: user.unitId ?? null,
      });
    }
    const now = this.clock().toISOString();
    const policy = resolvePolicy(this.policies, unit.province, now);
    const nominationId =
      command.nominationId ??
      (idempotencyKey === undefined
        ? randomUUID()
        : uuidv5(`${user.userId}\n${idempotencyKey}`, IDEMPOTENT_NOMINATION_NAMESPACE));
    const { nominee, awardType, campaignYear, achievements, record, evidence, campaignId } = body;
    const args: ActionArgs<DraftNomination> = {
      actor: actorOf(user),
      province: unit.province,
      proposingUnitId: unit.id,
      blockId: block.id,
      nominee: { ...nominee, unitId: checkedNomineeUnit(this.directory, unit.id, nominee.unitId) },
      awardType,
      campaignYear,
      achievements,
      record,
      evidence,
      ...(campaignId !== undefined ? { campaignId } : {}),
      ...(dossierId !== undefined ? { dossierId } : {}),
    };
    // The decider first, here: a draft it refuses never starts a workflow at all.
    const decision = decide(initialState, { ...args, type: 'DraftNomination', nominationId, at: now }, policy);
    if (!decision.ok) throw apiErrorFromDomain(decision.error);
    return { nominationId, policy, args };
  }
}
