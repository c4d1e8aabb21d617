import { Link, useNavigate } from '@tanstack/react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, newIdempotencyKey, type Schemas } from '../../api/client';
import { dayjs, PROVINCE_TIME_ZONE } from '../../lib/time';
import { ProblemAlert, useProblemText } from '../../ui/ProblemAlert';
import { EvidenceEditor } from '../draft/EvidenceEditor';
import {
  ACTION_KEYS,
  ACTION_ORDER,
  IRREVERSIBLE,
  NOT_FOR_YOU,
  sendAction,
  type ActionName,
  type Availability,
} from './actions';

type Detail = Schemas['NominationDetail'];
type FormAction = Exclude<ActionName, 'EditDraft'>;

const DECISION_NUMBER = /^[1-9]\d{0,5}(\/(19|20)\d{2})?\/QĐ-[A-ZĐ]{2,12}$/u;
const REVOCATION_GROUNDS = ['fraud', 'forged_documents', 'unlawful_approval', 'standards_unmet'] as const;

/** The actions shown: what the user may do, and what their role could do now but a rule refuses (with why). */
export function visibleActions(actions: readonly Availability[]): Availability[] {
  return ACTION_ORDER.map((name) => actions.find((a) => a.action === name)).filter(
    (a): a is Availability => a !== undefined && (a.allowed || !NOT_FOR_YOU.has(a.code)),
  );
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * The action bar of a nomination: one button per action with its key; a
 * refused one stays visible, disabled, with the reason beside it (and read by
 * screen readers through aria-describedby). Each action opens its form.
 */
export function ActionPanel({
  detail,
  availability,
  onDone,
}: {
  detail: Detail;
  availability: readonly Availability[];
  onDone: (action: ActionName, result: Schemas['ActionResult']) => void;
}) {
  const { t } = useTranslation('nomination');
  const navigate = useNavigate();
  const [open, setOpen] = useState<FormAction | null>(null);
  const [help, setHelp] = useState(false);
  const shown = visibleActions(availability);

  function start(action: ActionName): void {
    if (action === 'EditDraft') {
      void navigate({ to: '/draft/$nominationId', params: { nominationId: detail.nominationId } });
      return;
    }
    setOpen(action);
  }

  // Keys act only when nothing else has the keyboard: no dialog open, not typing in a field.
  const latest = useRef({ shown, open, help, start });
  latest.current = { shown, open, help, start };
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      const { shown: now, open: dialog, help: helpOpen, start: begin } = latest.current;
      if (event.ctrlKey || event.metaKey || event.altKey || dialog || helpOpen || isTyping(event.target)) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
        return;
      }
      const match = now.find((a) => a.allowed && ACTION_KEYS[a.action] === event.key.toLowerCase());
      if (match) {
        event.preventDefault();
        begin(match.action);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {t('actions.title')}
        </Typography.Title>
      }
      extra={
        <Button type="link" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('actions.keysHelp')} <kbd className="laurel-kbd">?</kbd>
        </Button>
      }
      data-testid="action-panel"
    >
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t('actions.none')}</Typography.Text>
      ) : (
        <Space direction="vertical" size="small" style={{ width: '100%' }}>
          {shown.map((a) => {
            const reasonId = `reason-${a.action}`;
            return (
              <div key={a.action} className="laurel-action-row" data-action={a.action}>
                <Button
                  // antd's red (danger) buttons fall below 4.5:1; irreversible actions are marked by their confirmation instead.
                  type={
                    a.allowed && a.action !== 'WithdrawNomination' && a.action !== 'RevokeAward' ? 'primary' : 'default'
                  }
                  disabled={!a.allowed}
                  onClick={() => start(a.action)}
                  aria-keyshortcuts={ACTION_KEYS[a.action]}
                  aria-describedby={a.allowed ? undefined : reasonId}
                >
                  {t(`actions.names.${a.action}`)} <kbd className="laurel-kbd">{ACTION_KEYS[a.action]}</kbd>
                </Button>
                {a.allowed ? null : (
                  <Typography.Text type="secondary" id={reasonId} data-refusal-code={a.code}>
                    {t(`errors.codes.${a.code}`, { ns: 'common', defaultValue: a.message })} ({a.code})
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </Space>
      )}
      {open ? (
        <ActionDialog
          action={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={(result) => {
            const done = open;
            setOpen(null);
            onDone(done, result);
          }}
        />
      ) : null}
      <Modal open={help} title={t('actions.keysHelp')} onCancel={() => setHelp(false)} footer={null}>
        <Descriptions column={1} size="small" bordered>
          {ACTION_ORDER.map((name) => (
            <Descriptions.Item key={name} label={<kbd className="laurel-kbd">{ACTION_KEYS[name]}</kbd>}>
              {t(`actions.names.${name}`)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={<kbd className="laurel-kbd">?</kbd>}>{t('actions.keysHelp')}</Descriptions.Item>
          <Descriptions.Item label={<kbd className="laurel-kbd">Esc</kbd>}>{t('actions.escCloses')}</Descriptions.Item>
        </Descriptions>
      </Modal>
    </Card>
  );
}

type Values = Record<string, unknown>;

/** The body an action's form values become. */
function bodyOf(action: FormAction, values: Values): Record<string, unknown> {
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
function fieldErrors(problem: unknown): { name: string; errors: string[] }[] {
  if (!(problem instanceof ApiProblem)) return [];
  const problems = problem.details['problems'];
  if (!Array.isArray(problems)) return [];
  return problems
    .map((p) => p as { field?: unknown; message?: unknown })
    .filter((p) => typeof p.field === 'string')
    .map((p) => ({ name: p.field as string, errors: [String(p.message ?? '')] }));
}

function ActionDialog({
  action,
  detail,
  onClose,
  onDone,
}: {
  action: FormAction;
  detail: Detail;
  onClose: () => void;
  onDone: (result: Schemas['ActionResult']) => void;
}) {
  const { t } = useTranslation('nomination');
  const { modal } = App.useApp();
  const describe = useProblemText();
  const [form] = Form.useForm<Values>();
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

  function finish(values: Values): void {
    const body = bodyOf(action, values);
    const needsSecondConfirm =
      IRREVERSIBLE.has(action) && !['SubmitNomination', 'CloseBlockVote', 'CloseCouncilReview'].includes(action);
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

  const reason = (label: string, required = true) => (
    <Form.Item
      name="reason"
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: t('validation.reasonRequired') }] : []}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} autoFocus />
    </Form.Item>
  );

  function fields() {
    switch (action) {
      case 'SubmitNomination':
      case 'CloseBlockVote':
      case 'CloseCouncilReview':
        return <Alert type="warning" showIcon title={t(`confirm.${action}.content`)} />;
      case 'CastBlockVote':
        return (
          <>
            <Form.Item
              name="choice"
              label={t('form.choice')}
              rules={[{ required: true, message: t('validation.choiceRequired') }]}
            >
              <Radio.Group optionType="button" buttonStyle="solid" className="laurel-choice">
                {(['approve', 'reject', 'abstain'] as const).map((c, i) => (
                  <Radio.Button key={c} value={c} autoFocus={i === 0}>
                    {t(`voteChoices.${c}`, { ns: 'common' })}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label={t('form.comment')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'RecordCouncilOpinion':
        return (
          <>
            {secret ? <Alert type="info" showIcon title={t('form.secretBallot')} style={{ marginBottom: 16 }} /> : null}
            <Form.Item
              name="recommendation"
              label={t('form.recommendation')}
              rules={[{ required: true, message: t('validation.choiceRequired') }]}
            >
              <Radio.Group optionType="button" buttonStyle="solid" className="laurel-choice">
                {(['approve', 'reject'] as const).map((c, i) => (
                  <Radio.Button key={c} value={c} autoFocus={i === 0}>
                    {t(`voteChoices.${c}`, { ns: 'common' })}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label={t('form.comment')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'RequestSupplement':
        return (
          <>
            {reason(t('form.supplementReason'))}
            <Form.Item
              name="dueDate"
              label={t('form.dueDate')}
              extra={t('form.dueDateDefault')}
              rules={[
                {
                  validator: (_, v: dayjs.Dayjs | undefined) =>
                    !v || v.isAfter(dayjs(), 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.dueFuture'))),
                },
              ]}
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </>
        );
      case 'ProvideSupplement':
        return (
          <>
            <Form.Item
              name="evidence"
              label={t('form.supplementEvidence')}
              rules={[
                {
                  validator: (_, v: unknown[] | undefined) =>
                    v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('validation.evidenceRequired'))),
                },
              ]}
            >
              <EvidenceEditor idPrefix="supplement" />
            </Form.Item>
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'PlaceOnHold':
        return reason(t('form.holdReason'));
      case 'ReleaseHold':
        return reason(t('form.releaseReason'));
      case 'WithdrawNomination':
        return reason(t('form.withdrawReason'));
      case 'IssueDecision':
        return (
          <>
            <Form.Item name="outcome" label={t('form.decisionOutcome')} initialValue="approved">
              <Radio.Group optionType="button" buttonStyle="solid">
                <Radio.Button value="approved">{t('decision.approved')}</Radio.Button>
                <Radio.Button value="rejected">{t('decision.rejected')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            {outcome === 'rejected' ? (
              reason(t('form.rejectReason'))
            ) : (
              <Form.Item
                name="decisionNumber"
                label={t('form.decisionNumber')}
                extra={t('form.decisionNumberHint')}
                normalize={(v: string) => v.toUpperCase()}
                rules={[
                  { required: true, whitespace: true, message: t('validation.decisionNumberRequired') },
                  {
                    validator: (_, v: string | undefined) =>
                      !v || DECISION_NUMBER.test(v.replace(/\s+/g, '').normalize('NFC'))
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('validation.decisionNumberShape'))),
                  },
                ]}
              >
                <Input autoFocus placeholder="163/QĐ-UBND" autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item
              name="decisionDate"
              label={t('form.decisionDate')}
              initialValue={dayjs().tz(PROVINCE_TIME_ZONE)}
              rules={[
                { required: true, message: t('validation.decisionDateRequired') },
                {
                  validator: (_, v: dayjs.Dayjs | undefined) =>
                    !v || !v.isAfter(dayjs().tz(PROVINCE_TIME_ZONE), 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.decisionDateFuture'))),
                },
              ]}
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </>
        );
      case 'RevokeAward':
        return (
          <>
            <Form.Item
              name="ground"
              label={t('form.ground')}
              rules={[{ required: true, message: t('validation.groundRequired') }]}
            >
              <Select
                autoFocus
                options={REVOCATION_GROUNDS.map((g) => ({
                  value: g,
                  label: t(`revocationGrounds.${g}`, { ns: 'common' }),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="details"
              label={t('form.revocationDetails')}
              rules={[{ required: true, whitespace: true, message: t('validation.detailsRequired') }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
            </Form.Item>
            <Form.Item
              name="decisionNumber"
              label={t('form.revocationNumber')}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v || DECISION_NUMBER.test(v.replace(/\s+/g, '').toUpperCase())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('validation.decisionNumberShape'))),
                },
              ]}
            >
              <Input placeholder="12/QĐ-UBND" autoComplete="off" />
            </Form.Item>
          </>
        );
    }
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
        {fields()}
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
          <Button
            type="primary"
            htmlType="submit"
            loading={pending}
            autoFocus={['SubmitNomination', 'CloseBlockVote', 'CloseCouncilReview'].includes(action)}
          >
            {t(`actions.submit.${action}`)}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** After an action: what happened, and the way back to the inbox. */
export function DoneNotice({ action, onClose }: { action: ActionName; onClose: () => void }) {
  const { t } = useTranslation('nomination');
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      role="status"
      data-testid="action-done"
      title={t(`done.${action}`)}
      action={
        <Link to="/">
          <Button size="small">{t('done.backToInbox')}</Button>
        </Link>
      }
    />
  );
}
