import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  blockLeadersStreamName,
  covenantRefusal,
  covenantStreamName,
  leaderIn,
  leaderRefusal,
  newRegistrations,
  registrationOf,
  registrationStreamName,
  type BlockLeaderSet,
  type NomineeRegistration,
  type CovenantSigned,
  type TitlesRegistered,
} from '@laurel/domain/registration/registration';
import type { NomineeKind } from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { actorOf } from '../nominations/nomination-workflows';
import { CLOCK, DIRECTORY, STORES } from '../tokens';
import type {
  BlockLeadersView,
  CovenantView,
  RegisterTitlesRequest,
  RegistrationList,
  SetBlockLeaderRequest,
} from './registration-schemas';

function refused(code: string, message: string, details: Record<string, unknown> = {}): ApiError {
  const status =
    code === 'OUT_OF_SCOPE' || code === 'ROLE_NOT_ALLOWED'
      ? 403
      : code === 'INVALID_COMMAND' || code === 'AWARD_NOT_FOR_NOMINEE_KIND'
        ? 400
        : 409;
  return new ApiError(status, code, message, details);
}

/**
 * Registrations, covenants and block leaders: plain records, each on its own
 * hash-chained stream, appended with the version the judgement was made on,
 * so two racing writers cannot both pass the same check.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  private async read<T>(streamName: string): Promise<{ version: number; facts: T[] }> {
    const facts: T[] = [];
    let version = 0;
    try {
      for await (const e of this.stores.events.readStream(streamName)) {
        facts.push(e.data as unknown as T);
        version = e.version;
      }
    } catch (error) {
      throw new ApiError(503, ApiErrorCode.STORE_UNAVAILABLE, 'the event store is not reachable; retry later', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    return { version, facts };
  }

  private async append(streamName: string, type: string, data: object, version: number, user: AuthenticatedUser) {
    try {
      const result = await this.stores.events.append(
        streamName,
        [
          {
            id: randomUUID(),
            type,
            data: JSON.parse(JSON.stringify(data)),
            metadata: { actor: { ...actorOf(user) }, correlationId: streamName, schemaVersion: 1 },
          },
        ],
        version,
      );
      return result.nextVersion;
    } catch (error) {
      if (error instanceof ConcurrencyError) throw refused('CONCURRENCY_CONFLICT', 'changed meanwhile; retry');
      throw new ApiError(503, ApiErrorCode.STORE_UNAVAILABLE, 'the event store is not reachable; retry later', {});
    }
  }

  private stamp(user: AuthenticatedUser) {
    return { at: this.clock().toISOString(), by: { userId: user.userId, role: user.role } };
  }

  async register(user: AuthenticatedUser, body: RegisterTitlesRequest): Promise<RegistrationList> {
    if (user.role !== 'unit_officer' && user.role !== 'unit_head') {
      throw refused('ROLE_NOT_ALLOWED', 'a unit officer or head registers the unit’s people and collectives');
    }
    const unitId = user.unitId;
    if (!unitId || !this.directory.unit(unitId)) throw refused('OUT_OF_SCOPE', 'this user has no unit');
    const stream = registrationStreamName(unitId, body.year);
    const { version, facts } = await this.read<TitlesRegistered>(stream);
    const judged = newRegistrations(facts, body.entries);
    if (!('entries' in judged)) throw refused(judged.code, judged.message, judged.details);
    if (judged.entries.length > 0) {
      await this.append(
        stream,
        'TitlesRegistered',
        { unitId, year: body.year, entries: judged.entries, ...this.stamp(user) },
        version,
        user,
      );
    }
    return this.registrations(user, unitId, body.year);
  }

  async registrations(user: AuthenticatedUser, unitId: string, year: number): Promise<RegistrationList> {
    const unit = this.directory.unit(unitId);
    if (!unit || (user.province !== undefined && unit.province !== user.province)) {
      throw new ApiError(404, 'NOT_FOUND', `unit ${unitId} is unknown`, { unitId });
    }
    if ((user.role === 'unit_officer' || user.role === 'unit_head') && user.unitId !== unitId) {
      throw refused('OUT_OF_SCOPE', 'a unit sees its own registrations');
    }
    const { version, facts } = await this.read<TitlesRegistered>(registrationStreamName(unitId, year));
    return {
      unitId,
      year,
      version,
      entries: facts.flatMap((f) => f.entries.map((e) => ({ ...e, registeredAt: f.at, registeredBy: f.by.userId }))),
    };
  }

  /**
   * What `unitId` registered for the nominee in `year`: the fact a province's
   * "registered for this title this year" rule reads at submission.
   */
  async nomineeRegistration(
    unitId: string,
    year: number,
    nominee: { kind: NomineeKind; name: string; personId?: string },
  ): Promise<NomineeRegistration> {
    const { facts } = await this.read<TitlesRegistered>(registrationStreamName(unitId, year));
    return registrationOf(facts, unitId, nominee, year);
  }

  private members(blockId: string, user: AuthenticatedUser): string[] {
    const block = this.directory.block(blockId);
    const units = this.directory.unitsOfBlock(blockId);
    const province = units[0]?.province;
    if (!block || (user.province !== undefined && province !== user.province)) {
      throw new ApiError(404, 'NOT_FOUND', `block ${blockId} is unknown`, { blockId });
    }
    return units.map((u) => u.id);
  }

  async signCovenant(user: AuthenticatedUser, blockId: string, year: number): Promise<CovenantView> {
    const members = this.members(blockId, user);
    if (user.role !== 'unit_head') throw refused('ROLE_NOT_ALLOWED', 'a member unit’s head signs the covenant');
    const stream = covenantStreamName(blockId, year);
    const { version, facts } = await this.read<CovenantSigned>(stream);
    const refusal = covenantRefusal(facts, user.unitId ?? '', members);
    if (refusal) throw refused(refusal.code, refusal.message, refusal.details);
    await this.append(
      stream,
      'CovenantSigned',
      { blockId, year, unitId: user.unitId, ...this.stamp(user) },
      version,
      user,
    );
    return this.covenant(user, blockId, year);
  }

  async covenant(user: AuthenticatedUser, blockId: string, year: number): Promise<CovenantView> {
    const members = this.members(blockId, user);
    const { version, facts } = await this.read<CovenantSigned>(covenantStreamName(blockId, year));
    const signed = facts.map((f) => ({ unitId: f.unitId, signedAt: f.at, signedBy: f.by.userId }));
    const missing = members.filter((m) => !facts.some((f) => f.unitId === m));
    return { blockId, year, signed, missing, complete: missing.length === 0, version };
  }

  async setLeader(user: AuthenticatedUser, blockId: string, body: SetBlockLeaderRequest): Promise<BlockLeadersView> {
    const members = this.members(blockId, user);
    if (user.role !== 'board_officer') throw refused('ROLE_NOT_ALLOWED', 'the Board records the block’s leader');
    const refusal = leaderRefusal(body, members);
    if (refusal) throw refused(refusal.code, refusal.message, refusal.details);
    const stream = blockLeadersStreamName(blockId);
    const { version } = await this.read<BlockLeaderSet>(stream);
    await this.append(stream, 'BlockLeaderSet', { blockId, ...body, ...this.stamp(user) }, version, user);
    return this.leaders(user, blockId, body.fromYear);
  }

  async leaders(user: AuthenticatedUser, blockId: string, year: number): Promise<BlockLeadersView> {
    this.members(blockId, user);
    const { version, facts } = await this.read<BlockLeaderSet>(blockLeadersStreamName(blockId));
    const current = leaderIn(facts, year);
    return {
      blockId,
      version,
      current: current
        ? {
            unitId: current.unitId,
            fromYear: current.fromYear,
            ...(current.toYear !== undefined ? { toYear: current.toYear } : {}),
          }
        : null,
      history: facts.map((f) => ({
        unitId: f.unitId,
        fromYear: f.fromYear,
        ...(f.toYear !== undefined ? { toYear: f.toYear } : {}),
        setAt: f.at,
        setBy: f.by.userId,
      })),
    };
  }
}
