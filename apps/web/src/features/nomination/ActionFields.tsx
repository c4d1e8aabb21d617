import { Alert, DatePicker, Form, Input, Radio, Select, type RadioGroupProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayjs, PROVINCE_TIME_ZONE } from '../../lib/time';
import { EvidenceEditor } from '../draft/EvidenceEditor';
import type { FormAction } from './action-body';

const DECISION_NUMBER = /^[1-9]\d{0,5}(\/(19|20)\d{2})?\/QĐ-[A-ZĐ]{2,12}$/u;
const REVOCATION_GROUNDS = ['fraud', 'forged_documents', 'unlawful_approval', 'standards_unmet'] as const;

/**
 * A vote's choices as one row of buttons, the first focused. Form.Item gives
 * its direct child the value and onChange, so they pass through to the group.
 */
function ChoiceButtons({
  choices,
  ...group
}: { choices: readonly ('approve' | 'reject' | 'abstain')[] } & Pick<RadioGroupProps, 'value' | 'onChange'>) {
  const { t } = useTranslation('nomination');
  return (
    <Radio.Group {...group} optionType="button" buttonStyle="solid" className="laurel-choice">
      {choices.map((c, i) => (
        <Radio.Button key={c} value={c} autoFocus={i === 0}>
          {t(`voteChoices.${c}`, { ns: 'common' })}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

/**
 * The fields of one action's form. `secret` says the council votes by secret
 * ballot; `outcome` is the decision form's chosen outcome, which decides
 * whether it asks for a decision number or a reason.
 */
export function ActionFields({ action, secret, outcome }: { action: FormAction; secret: boolean; outcome: unknown }) {
  const { t } = useTranslation('nomination');

  const reason = (label: string) => (
    <Form.Item
      name="reason"
      label={label}
      rules={[{ required: true, whitespace: true, message: t('validation.reasonRequired') }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} autoFocus />
    </Form.Item>
  );

  const comment = (
    <Form.Item name="comment" label={t('form.comment')}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );

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
            <ChoiceButtons choices={['approve', 'reject', 'abstain']} />
          </Form.Item>
          {comment}
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
            <ChoiceButtons choices={['approve', 'reject']} />
          </Form.Item>
          {comment}
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
