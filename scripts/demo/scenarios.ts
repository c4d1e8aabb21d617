import { haTinhScenarios } from './scenarios-ha-tinh';
import { laoCaiScenarios } from './scenarios-lao-cai';
import { ninhThuanScenarios } from './scenarios-ninh-thuan';
import type { Scenario } from './scenario-kit';

export { expectedText, unitName, type Expectation, type Scenario, type Step } from './scenario-kit';

/**
 * The demo nominations, built on cases of real provincial practice: Ninh Thuận's
 * provincial Party agencies block (the 2023 flag and certificates), Lào Cai's
 * Fatherland Front block, and Hà Tĩnh's agencies and enterprises block, which
 * runs on the demo clock. People are invented. Every record meets its award's
 * eligibility rule for the campaign year, so each submission is accepted.
 */
export function demoScenarios(y: number): Scenario[] {
  return [...ninhThuanScenarios(y), ...laoCaiScenarios(y), ...haTinhScenarios(y)];
}
