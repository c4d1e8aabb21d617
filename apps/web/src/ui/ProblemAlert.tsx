import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/** The user-facing text of an API error, in the user's language, always with its code. */
export function useProblemText(): (problem: unknown) => { code: string; text: string } {
  const { t, i18n } = useTranslation('common');
  return (problem) => {
    const code = problem instanceof ApiProblem ? problem.code : 'NETWORK';
    const known = i18n.exists(`errors.codes.${code}`, { ns: 'common' });
    const message = known
      ? t(`errors.codes.${code}`)
      : problem instanceof ApiProblem
        ? problem.message
        : String(problem);
    return { code, text: t('errors.withCode', { message, code }) };
  };
}

/**
 * An API error as an alert. A retryable one (503, network) offers a retry;
 * the caller's `onRetry` sends the same request with the same idempotency key,
 * so the action still happens at most once.
 */
export function ProblemAlert({ problem, onRetry }: { problem: unknown; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  const describe = useProblemText();
  if (!problem) return null;
  const { code, text } = describe(problem);
  const retryable = problem instanceof ApiProblem ? problem.retryable : true;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-error-code={code}
      title={t('errors.title')}
      description={text}
      action={
        retryable && onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('errors.retrySame')}
          </Button>
        ) : undefined
      }
    />
  );
}
