import { Alert, Button, Descriptions, Flex, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useVerification, type History } from './audit-api';
import { eventTypeName } from './describe-event';
import { ShortHash } from './Timeline';

/** The proof of one nomination: the hash chain, and its reconciliation with the Temporal workflow's runs. */
export function VerifyPanel({
  nominationId,
  history,
  onShowEvent,
}: {
  nominationId: string;
  history: History;
  onShowEvent: (version: number) => void;
}) {
  const { t } = useTranslation('audit');
  const verify = useVerification(nominationId, true);
  const report = verify.data;
  const typeAt = (version: number) => {
    const event = history.events.find((e) => e.version === version);
    return event ? eventTypeName(event.type, t) : '';
  };

  let headline: React.ReactNode = null;
  if (report) {
    // A chain that holds can still disagree with its signed checkpoint (deleted, truncated, rewritten).
    const anchored = report.anchor.problem;
    const broken = report.firstBroken ?? (anchored ? { version: anchored.version, reason: anchored.reason } : null);
    const unavailable = report.reconciliation.status === 'unavailable';
    headline = broken ? (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="verify-result"
        data-ok="false"
        title={t('verify.broken', {
          version: broken.version,
          type: typeAt(broken.version),
          reason: t(`reasons.${broken.reason}`, { defaultValue: broken.reason }),
        })}
        description={
          <Flex vertical gap={4}>
            <span>{t('verify.brokenHelp')}</span>
            <span>
              <Button size="small" onClick={() => onShowEvent(broken.version)}>
                {t('verify.showEvent', { version: broken.version })}
              </Button>
            </span>
          </Flex>
        }
      />
    ) : report.ok && !unavailable ? (
      <Alert
        type="success"
        showIcon
        data-testid="verify-result"
        data-ok="true"
        title={t('verify.ok', { count: report.reconciliation.runs, events: report.chain.events })}
      />
    ) : report.ok ? (
      <Alert
        type="warning"
        showIcon
        data-testid="verify-result"
        data-ok="true"
        title={t('verify.chainOnly', { events: report.chain.events })}
      />
    ) : (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-testid="verify-result"
        data-ok="false"
        title={t('verify.reconciliationFailed')}
      />
    );
  }

  const r = report?.reconciliation;
  return (
    <Flex vertical gap="middle">
      <Flex gap="small" align="center" wrap>
        <Typography.Title level={2} className="audit-card-title" style={{ margin: 0 }}>
          {t('verify.title')}
        </Typography.Title>
        <Button onClick={() => void verify.refetch()} loading={verify.isFetching} data-testid="verify-again">
          {t('verify.again')}
        </Button>
      </Flex>
      <ProblemAlert problem={verify.error} onRetry={() => void verify.refetch()} />
      {verify.isLoading ? <Skeleton active /> : null}
      {headline}
      {report && r ? (
        <>
          <Typography.Title level={3} className="audit-card-subtitle">
            {t('verify.details')}
          </Typography.Title>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'chain',
                label: t('verify.chain'),
                children: report.chain.ok
                  ? t('verify.chainOk', { events: report.chain.events })
                  : t('verify.chainBroken', {
                      version: report.chain.firstBroken?.version,
                      reason: t(`reasons.${report.chain.firstBroken?.reason ?? ''}`),
                    }),
              },
              {
                key: 'reconciliation',
                label: t('verify.reconciliation'),
                children:
                  r.status === 'unavailable'
                    ? t('verify.unavailable')
                    : r.ok
                      ? t('verify.reconciledOk', { count: r.runs })
                      : t('verify.reconciledProblems', { count: r.problems.length }),
              },
              {
                key: 'workflow',
                label: t('verify.workflow'),
                children: <Typography.Text code>{r.workflowId}</Typography.Text>,
              },
              ...(r.runId ? [{ key: 'run', label: t('verify.run'), children: <ShortHash hash={r.runId} /> }] : []),
              ...(r.counts
                ? [
                    {
                      key: 'counts',
                      label: t('verify.counts'),
                      children: t('verify.countsValue', {
                        events: r.counts.events,
                        updates: r.counts.updates,
                        failed: r.counts.failedUpdates,
                        timers: r.counts.timersFired,
                      }),
                    },
                  ]
                : []),
            ]}
          />
          {r.problems.length > 0 ? (
            <List
              header={<Typography.Text strong>{t('verify.problems')}</Typography.Text>}
              bordered
              size="small"
              dataSource={[...r.problems]}
              renderItem={(p) => (
                <List.Item>
                  <Flex vertical>
                    <Typography.Text strong>
                      {t(`reasons.${p.code}`, { defaultValue: p.code })}
                      {p.version !== undefined
                        ? ` — ${t('verify.atVersion', { version: p.version, type: typeAt(p.version) })}`
                        : ''}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {p.code}: {p.message}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}
