import { Alert, App, Button, Form, Modal, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, newIdempotencyKey, type Schemas } from '../../api/client';
import { ProblemAlert, useProblemText } from '../../ui/ProblemAlert';
import { actionBodyOf, fieldErrors, type ActionFormValues, type FormAction } from './action-body';
import { ActionFields } from './ActionFields';
import { IRREVERSIBLE, sendAction } from './actions';
import type { NominationDetail } from './nomination-queries';

/** Actions whose form is only their confirmation: nothing to fill in, so the submit button has the focus. */
const CONFIRMATION_ONLY: ReadonlySet<FormAction> = new Set([
  'SubmitNomination',
  'CloseBlockVote',
  'CloseCouncilReview',
]);

/**
 * One action's form in a dialog. It sends the action once per opening (one
 * Idempotency-Key), asks again before an irreversible one, and shows the API's
 * refusal on the fields it names.
 */
export function ActionDialog({
  action,
  detail,
  onClose,
  onDone,
}: {
  action: FormAction;
  detail: NominationDetail;
  onClose: () => void;
  onDone: (result: Schemas['ActionResult']) => void;
}) {
  const { t } = useTranslation('nomination');
  const { modal } = App.useApp();
  const describe = useProblemText();
  const [form] = Form.useForm<ActionFormValues>();
  // One key per opening of the form: a double click or a retry after a 503 is the same action, done once.
  const key = useRef(newIdempotencyKey());
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  // Answered 202: the action is in the workflow's history and will be applied; the form waits for it.
  const [accepted, setAccepted] = useState(false);
  const lastBody = useRef<Record<string, unknown> | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const secret = detail.state.stage === 'CouncilReview' && detail.state.council.secretBallot;

  async function send(body: Record<string, unknown>): Promise<void> {
    if (pending) return;
    lastBody.current = body;
    setPending(true);
    setProblem(null);
    try {
      const result = await sendAction(action, detail.nominationId, body, key.current, () => setAccepted(true));
      onDone(result);
    } catch (error) {
      setProblem(error);
      // Refused (not an outage): nothing happened, so a corrected attempt is a new action with a new key.
      if (!(error instanceof ApiProblem && error.retryable)) key.current = newIdempotencyKey();
      const fields = fieldErrors(error).filter((f) => form.getFieldInstance(f.name) !== undefined);
      if (fields.length > 0) {
        const { text } = describe(error);
        form.setFields(fields.map((f) => ({ name: f.name, errors: [`${text}: ${f.errors.join('; ')}`] })));
      }
    } finally {
      setPending(false);
      setAccepted(false);
    }
  }

  function finish(values: ActionFormValues): void {
    const body = actionBodyOf(action, values);
    // A confirmation-only form was the confirmation already.
    const needsSecondConfirm = IRREVERSIBLE.has(action) && !CONFIRMATION_ONLY.has(action);
    if (!needsSecondConfirm) {
      void send(body);
      return;
    }
    modal.confirm({
      title: t(`confirm.${action}.title`),
      content: t(`confirm.${action}.content`, {
        decisionNumber: (body['decisionNumber'] as string | undefined) ?? '',
      }),
      okText: t(`confirm.${action}.ok`),
      cancelText: t('app.cancel', { ns: 'common' }),
      autoFocusButton: 'ok',
      onOk: () => send(body),
    });
  }

  return (
    <Modal
      open
      title={t(`actions.names.${action}`)}
      onCancel={pending ? undefined : onClose}
      footer={null}
      destroyOnHidden
      maskClosable={!pending}
      width={action === 'ProvideSupplement' ? 900 : 560}
    >
      <Form form={form} layout="vertical" onFinish={finish} requiredMark disabled={pending} data-action-form={action}>
        <ActionFields action={action} secret={secret} outcome={outcome} />
        {accepted ? (
          <Alert
            type="info"
            showIcon
            role="status"
            data-testid="action-accepted"
            style={{ marginBottom: 16 }}
            title={t('accepted')}
          />
        ) : null}
        {problem ? (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert problem={problem} onRetry={() => lastBody.current && void send(lastBody.current)} />
          </div>
        ) : null}
        <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose} disabled={pending}>
            {t('app.cancel', { ns: 'common' })}
          </Button>
          <Button type="primary" htmlType="submit" loading={pending} autoFocus={CONFIRMATION_ONLY.has(action)}>
            {t(`actions.submit.${action}`)}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
