import { stageText, type LoadedNomination, type LoadReport } from './loader';
import { expectedText, unitName } from './scenarios';

const MAX_CELL = 58;

function cell(text: string): string {
  return text.length <= MAX_CELL ? text : `${text.slice(0, MAX_CELL - 1)}…`;
}

function nomineeCell(n: LoadedNomination): string {
  const unit = unitName(n.scenario.unitId);
  const { name } = n.scenario.nominee;
  if (name === unit || name.includes(unit)) return name;
  return `${name} (${unit})`;
}

/** When the current stage is due, as a person would say it: minutes or hours when near, else the date. */
export function dueText(n: LoadedNomination, now: Date): string {
  const { stage, stageDeadline, escalated, overdue } = n.item;
  if (stage === 'Closed' || stage === 'Draft' || stage === 'OnHold' || stageDeadline === null) return '–';
  if (escalated) return 'overdue, escalated';
  if (overdue) return 'overdue';
  const ms = Date.parse(stageDeadline) - now.getTime();
  if (ms < 90 * 60_000) return `in ${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 48 * 3_600_000) return `in ${Math.round(ms / 3_600_000)} h`;
  // The deadline's day where the provinces are (UTC+7, no DST).
  return new Date(Date.parse(stageDeadline) + 7 * 3_600_000).toISOString().slice(0, 10);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((text, c) => text.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), line(widths.map((w) => '─'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

export function formatSummary(report: LoadReport, now: Date): string {
  const header = ['Nomination', 'Nominee (unit)', 'Award', 'Stage', 'Due', 'This run'];
  const rows = report.nominations.map((n) => [
    n.item.nominationId,
    cell(nomineeCell(n)),
    n.scenario.awardType,
    stageText(n.item),
    dueText(n, now),
    n.status,
  ]);
  const count = (status: string) => report.nominations.filter((n) => n.status === status).length;
  const lines = [
    table([header, ...rows]),
    '',
    `Campaign ${report.campaignYear}: ${report.nominations.length} demo nominations — ${count('created')} created, ` +
      `${count('resumed')} resumed, ${count('already there')} already there (${(report.elapsedMs / 1000).toFixed(1)} s).`,
  ];
  const moved = report.nominations.filter(
    (n) => !n.scenario.demoClock && stageText(n.item) !== expectedText(n.scenario.expected),
  );
  for (const n of moved) {
    lines.push(
      `Note: ${n.item.nominationId} is ${stageText(n.item)}, not ${expectedText(n.scenario.expected)} ` +
        'as the demo loads it: someone has acted on it since.',
    );
  }
  if (report.demoClock === true) {
    lines.push(
      'Hà Tĩnh runs on the demo clock: its block vote is counted, its council review escalated and its supplement',
    );
    lines.push('expired within minutes (watch GET /tasks, or the Temporal UI filtered by EmulationBlock).');
  } else if (report.demoClock === false) {
    lines.push('Hà Tĩnh runs on working-day deadlines: start the API with LAUREL_DEMO_FAST_PROVINCES=ha-tinh to watch');
    lines.push('its deadlines pass within minutes.');
  }
  return lines.join('\n');
}
