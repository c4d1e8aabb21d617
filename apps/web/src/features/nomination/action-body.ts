import { ApiProblem } from '../../api/client';
import { dayjs, PROVINCE_TIME_ZONE } from '../../lib/time';
import type { ActionName } from './actions';

/** The actions that open a form on the page (editing a draft goes to the draft screen instead). */
export type FormAction = Exclude<ActionName, 'EditDraft'>;

export type ActionFormValues = Record<string, unknown>;

/** The body an action's form values become. */
export function actionBodyOf(action: FormAction, values: ActionFormValues): Record<string, unknown> {
  const text = (key: string) => {
    const v = typeof values[key] === 'string' ? (values[key] as string).trim() : '';
    return v ? { [key]: v } : {};
  };
  switch (action) {
    case 'SubmitNomination':
    case 'CloseBlockVote':
    case 'CloseCouncilReview':
      return {};
    case 'CastBlockVote':
      return { choice: values['choice'], ...text('comment') };
    case 'RecordCouncilOpinion':
      return { recommendation: values['recommendation'], ...text('comment') };
    case 'RequestSupplement': {
      const due = values['dueDate'] as dayjs.Dayjs | undefined;
      // The due day's end in the province: the unit has the whole day.
      const dueDate = due
        ? dayjs.tz(due.format('YYYY-MM-DD'), PROVINCE_TIME_ZONE).endOf('day').toISOString()
        : undefined;
      return { ...text('reason'), ...(dueDate ? { dueDate } : {}) };
    }
    case 'ProvideSupplement':
      return { evidence: values['evidence'], ...text('note') };
    case 'PlaceOnHold':
    case 'ReleaseHold':
    case 'WithdrawNomination':
      return text('reason');
    case 'IssueDecision': {
      const date = values['decisionDate'] as dayjs.Dayjs | undefined;
      return values['outcome'] === 'approved'
        ? {
            outcome: 'approved',
            ...text('decisionNumber'),
            ...(date ? { decisionDate: date.format('YYYY-MM-DD') } : {}),
          }
        : { outcome: 'rejected', ...text('reason'), ...(date ? { decisionDate: date.format('YYYY-MM-DD') } : {}) };
    }
    case 'RevokeAward':
      return { ground: values['ground'], ...text('details'), ...text('decisionNumber') };
  }
}

/** The API's 400 details (`problems: [{ field, message }]`) as form field errors, where the field is on the form. */
export function fieldErrors(problem: unknown): { name: string; errors: string[] }[] {
  if (!(problem instanceof ApiProblem)) return [];
  const problems = problem.details['problems'];
  if (!Array.isArray(problems)) return [];
  return problems
    .map((p) => p as { field?: unknown; message?: unknown })
    .filter((p) => typeof p.field === 'string')
    .map((p) => ({ name: p.field as string, errors: [String(p.message ?? '')] }));
}
