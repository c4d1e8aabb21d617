import { Alert, Button, Card, DatePicker, Input, Popconfirm, Radio, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, newIdempotencyKey, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { dayjs, PROVINCE_TIME_ZONE } from '../../lib/time';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useNames } from '../../ui/useDirectory';
import { DANGER, NominationPicker, NomineeLink } from '../sessions/shared';

type Row = Schemas['NominationListItem'];
type Outcome = 'approved' | 'rejected';

/** The same rule the nomination page checks a single decision's number by: `163/QĐ-UBND`, optionally with the year. */
const DECISION_NUMBER = /^[1-9]\d{0,5}(\/(19|20)\d{2})?\/QĐ-[A-ZĐ]{2,12}$/u;

/**
 * The Chairman's decision over a list: the nominations that passed council,
 * each approved or rejected with its reason, under one number and date.
 */
export function IssueCard({ onIssued }: { onIssued: (decisionListId: string) => void }) {
  const { t } = useTranslation('decisions');
  const { t: tc } = useTranslation('common');
  const { claims } = useSession();
  const names = useNames();
  const [rows, setRows] = useState<Row[]>([]);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [number, setNumber] = useState('');
  const [date, setDate] = useState<Dayjs | null>(dayjs().tz(PROVINCE_TIME_ZONE));
  const [problem, setProblem] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const key = useRef(newIdempotencyKey());
  const outcomeOf = (id: string): Outcome => outcomes[id] ?? 'approved';
  const numberOk = DECISION_NUMBER.test(number.trim());
  const missingReason = rows.some((r) => outcomeOf(r.nominationId) === 'rejected' && !reasons[r.nominationId]?.trim());
  const ready = rows.length > 0 && numberOk && !missingReason && date !== null;
  const rejected = rows.filter((r) => outcomeOf(r.nominationId) === 'rejected').length;

  async function issue(): Promise<void> {
    setSending(true);
    setProblem(null);
    try {
      const list = await unwrap(
        api.POST('/decision-lists', {
          params: { header: { 'Idempotency-Key': key.current } },
          body: {
            decisionNumber: number.trim(),
            ...(date ? { decisionDate: date.format('YYYY-MM-DD') } : {}),
            items: rows.map((r) =>
              outcomeOf(r.nominationId) === 'rejected'
                ? {
                    nominationId: r.nominationId,
                    outcome: 'rejected' as const,
                    reason: reasons[r.nominationId]!.trim(),
                  }
                : { nominationId: r.nominationId, outcome: 'approved' as const },
            ),
          },
        }),
      );
      key.current = newIdempotencyKey();
      setRows([]);
      onIssued(list.decisionListId);
    } catch (error) {
      setProblem(error);
      if (!(error instanceof ApiProblem && error.retryable)) key.current = newIdempotencyKey();
    } finally {
      setSending(false);
    }
  }

  return (
    <Card
      size="small"
      data-testid="issue-decision"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('issue.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('issue.intro')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <NominationPicker
          stage="ProvincialDecision"
          value={rows.map((r) => r.nominationId)}
          onChange={(_, picked) => setRows(picked)}
          testId="pick-nominations"
        />
        {rows.length > 0 ? (
          <Table<Row>
            size="small"
            rowKey="nominationId"
            pagination={false}
            dataSource={rows}
            data-testid="decision-items"
            columns={[
              {
                key: 'name',
                title: t('columns.nominee'),
                render: (_, r) => <NomineeLink nominationId={r.nominationId} name={r.nomineeName ?? ''} />,
              },
              { key: 'award', title: t('columns.award'), render: (_, r) => tc(`awards.${r.awardType ?? ''}`) },
              { key: 'unit', title: t('columns.unit'), render: (_, r) => names.unit(r.proposingUnitId) },
              {
                key: 'outcome',
                title: t('columns.outcome'),
                render: (_, r) => (
                  <Radio.Group
                    aria-label={t('issue.outcomeFor', { name: r.nomineeName ?? '' })}
                    value={outcomeOf(r.nominationId)}
                    onChange={(e) => setOutcomes({ ...outcomes, [r.nominationId]: e.target.value as Outcome })}
                    options={[
                      { value: 'approved', label: t('outcome.approved') },
                      { value: 'rejected', label: t('outcome.rejected') },
                    ]}
                  />
                ),
              },
              {
                key: 'reason',
                title: t('columns.reason'),
                width: 360,
                render: (_, r) =>
                  outcomeOf(r.nominationId) === 'rejected' ? (
                    <Input
                      aria-label={t('issue.reasonFor', { name: r.nomineeName ?? '' })}
                      placeholder={t('issue.reason')}
                      value={reasons[r.nominationId] ?? ''}
                      status={reasons[r.nominationId]?.trim() ? undefined : 'error'}
                      onChange={(e) => setReasons({ ...reasons, [r.nominationId]: e.target.value })}
                    />
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        ) : null}
        <Space wrap align="end">
          <label>
            {t('issue.number')}
            <Input
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              placeholder="163/QĐ-UBND"
              status={number === '' || numberOk ? undefined : 'error'}
              style={{ width: 220, display: 'block' }}
              data-testid="decision-number"
            />
          </label>
          <label>
            {t('issue.date')}
            <DatePicker
              value={date}
              onChange={setDate}
              format="DD/MM/YYYY"
              style={{ width: 180, display: 'block' }}
              data-testid="decision-date"
            />
          </label>
          <div>
            {t('issue.signer')}
            <Typography.Text strong style={{ display: 'block', lineHeight: '32px' }}>
              {claims?.name ?? claims?.sub}
            </Typography.Text>
          </div>
        </Space>
        {number !== '' && !numberOk ? (
          <Typography.Text style={{ color: DANGER }}>{t('issue.badNumber')}</Typography.Text>
        ) : null}
        {missingReason ? <Alert type="warning" showIcon title={t('issue.reasonRequired')} /> : null}
        <Popconfirm
          title={t('issue.confirm', { number: number.trim(), count: rows.length, rejected })}
          onConfirm={() => void issue()}
          disabled={!ready}
        >
          <Button type="primary" disabled={!ready} loading={sending}>
            {t('issue.submit', { count: rows.length })}
          </Button>
        </Popconfirm>
        {problem ? <ProblemAlert problem={problem} onRetry={() => void issue()} /> : null}
      </Space>
    </Card>
  );
}
