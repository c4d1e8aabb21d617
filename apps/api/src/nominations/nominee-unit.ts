import type { Directory } from '@laurel/infra/directory';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';

/**
 * The nominee's unit, checked: it must be a unit of the directory, and the
 * proposing unit itself (a unit proposes its own staff and itself; a block's
 * leading unit is proposed by that unit). The nominee's unit decides which
 * council member recuses, so a proposing unit choosing another unit here
 * would choose who is excluded from the council's count.
 */
export function checkedNomineeUnit(directory: Directory, proposingUnitId: string, unitId: string | undefined): string {
  if (unitId === undefined) return proposingUnitId;
  const unit = directory.unit(unitId);
  if (!unit) {
    throw new ApiError(
      400,
      ApiErrorCode.NOMINEE_UNIT_UNKNOWN,
      `nominee.unitId ${JSON.stringify(unitId)} is not a unit of the directory`,
      {
        field: 'nominee.unitId',
        unitId,
      },
    );
  }
  if (unit.id !== proposingUnitId) {
    throw new ApiError(
      400,
      ApiErrorCode.NOMINEE_UNIT_NOT_PROPOSING,
      `nominee.unitId must be the proposing unit ${proposingUnitId}; a unit proposes only its own people`,
      { field: 'nominee.unitId', unitId, proposingUnitId },
    );
  }
  return unit.id;
}
