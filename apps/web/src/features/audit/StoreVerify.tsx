import { Link } from '@tanstack/react-router';
import { Alert, Button, Flex, List, Progress, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { verifyStore, type StoreVerification, type VerifyProgress } from './audit-api';

/**
 * The store-wide hash-chain check, streamed. The API does not say how many
 * events it will check, so the bar measures against `expectedEvents` (the
 * events of the nominations listed) and never shows 100 % before the result;
 * the counts beside it are exact.
 */
export function StoreVerify({ expectedEvents }: { expectedEvents: number }) {
  const { t } = useTranslation('audit');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<VerifyProgress | null>(null);
  const [result, setResult] = useState<StoreVerification | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  async function run(): Promise<void> {
    setRunning(true);
    setResult(null);
    setProblem(null);
    setProgress({ done: 0, streams: 0, brokenStreams: 0 });
    try {
      const final = await verifyStore((p) => setProgress(p));
      setProgress({ done: final.events, streams: final.streams, brokenStreams: final.brokenStreams });
      setResult(final);
    } catch (error) {
      setProblem(error);
    } finally {
      setRunning(false);
    }
  }

  const done = progress?.done ?? 0;
  const percent = result ? 100 : Math.min(99, expectedEvents > 0 ? Math.floor((done / expectedEvents) * 100) : 0);
  return (
    <Flex vertical gap="small" data-testid="store-verify">
      <Typography.Title level={3} className="audit-card-subtitle">
        {t('store.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('store.intro')}</Typography.Text>
      <div>
        <Button type="primary" loading={running} onClick={() => void run()} data-testid="store-verify-run">
          {result ? t('store.again') : t('store.run')}
        </Button>
      </div>
      {progress ? (
        <div aria-live="polite">
          <Progress
            percent={percent}
            status={result ? (result.ok ? 'success' : 'exception') : problem ? 'exception' : 'active'}
            aria-label={t('store.progressLabel')}
          />
          <Typography.Text data-testid="store-verify-counts">
            {t('store.counts', { events: done, streams: progress.streams, broken: progress.brokenStreams })}
          </Typography.Text>
        </div>
      ) : null}
      <ProblemAlert problem={problem} onRetry={() => void run()} />
      {result ? (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          data-testid="store-verify-result"
          title={
            result.ok
              ? t('store.ok', { events: result.events, streams: result.streams })
              : t('store.broken', {
                  broken: result.brokenStreams + result.anchorFailures.length,
                  streams: result.streams,
                  events: result.events,
                })
          }
          description={
            result.failures.length + result.anchorFailures.length > 0 ? (
              <List
                size="small"
                dataSource={[
                  ...result.failures,
                  // Disagreements with the signed checkpoints, named like chain breaks.
                  ...result.anchorFailures.map((f) => ({
                    nominationId: f.nominationId,
                    firstBroken: { version: f.version, reason: f.reason },
                  })),
                ]}
                renderItem={(failure) => (
                  <List.Item>
                    <Link
                      to="/audit/$nominationId"
                      params={{ nominationId: failure.nominationId }}
                      search={{ tab: 'verify' }}
                    >
                      {failure.nominationId}
                    </Link>
                    {' — '}
                    {t('store.failure', {
                      version: failure.firstBroken.version,
                      reason: t(`reasons.${failure.firstBroken.reason}`),
                    })}
                  </List.Item>
                )}
              />
            ) : (
              t('store.position', { position: result.position })
            )
          }
        />
      ) : null}
    </Flex>
  );
}
