import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, newIdempotencyKey, unwrap } from '../../api/client';
import { useProblemText } from '../../ui/ProblemAlert';
import { draftBodyOf, fieldProblemsOf, type DraftValues } from './draft-values';

export type SaveState =
  { kind: 'incomplete' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; problem: unknown };

const SAVE_DELAY_MS = 1200;
const RETRY_DELAY_MS = 5000;

/**
 * Saves the draft form as it is typed: the first complete save creates the
 * draft, later ones update it. `scheduleSave` waits for a pause in typing;
 * `flush` saves now. `draftId` is the draft's id once the server has it.
 */
export function useDraftAutosave(form: FormInstance<DraftValues>, givenId: string | undefined) {
  const { t } = useTranslation('draft');
  const describe = useProblemText();
  const [save, setSave] = useState<SaveState>(givenId ? { kind: 'saved', at: new Date() } : { kind: 'incomplete' });
  const id = useRef<string | undefined>(givenId);
  // One key for the creating POST until it succeeds: a retry after a lost answer does not create a second draft.
  const createKey = useRef(newIdempotencyKey());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const dirty = useRef(false);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      dirty.current = true;
      return;
    }
    const body = draftBodyOf(form.getFieldsValue(true) as DraftValues);
    if (!body) {
      setSave({ kind: 'incomplete' });
      return;
    }
    inFlight.current = true;
    dirty.current = false;
    setSave({ kind: 'saving' });
    try {
      if (id.current === undefined) {
        const result = await unwrap(
          api.POST('/nominations', {
            body: body as never,
            // The route documents an optional id parameter that its URL does not have.
            params: { path: {} as never, header: { 'Idempotency-Key': createKey.current } },
          }),
        );
        id.current = result.nominationId;
        // The address becomes the draft's own, without remounting the form (a reload then opens it for editing).
        window.history.replaceState(window.history.state, '', `/app/draft/${encodeURIComponent(result.nominationId)}`);
      } else {
        await unwrap(
          api.PATCH('/nominations/{id}', {
            params: { path: { id: id.current }, header: { 'Idempotency-Key': newIdempotencyKey() } },
            body: body as never,
          }),
        );
      }
      setSave({ kind: 'saved', at: new Date() });
    } catch (problem) {
      setSave({ kind: 'failed', problem });
      const fields = fieldProblemsOf(problem);
      if (fields.length > 0) {
        const { text } = describe(problem);
        form.setFields(
          fields.map((f) => ({ name: f.name as never, errors: [`${t('serverSays')} ${f.message} — ${text}`] })),
        );
      }
      // An outage passes; keep trying with what is typed (nothing is lost). A refusal waits for the user's next edit.
      if (problem instanceof ApiProblem && problem.retryable) {
        timer.current = setTimeout(() => void flush(), RETRY_DELAY_MS);
      }
    } finally {
      inFlight.current = false;
      if (dirty.current) void flush();
    }
  }, [describe, form, t]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function scheduleSave(): void {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  return { save, flush, scheduleSave, draftId: id.current };
}
