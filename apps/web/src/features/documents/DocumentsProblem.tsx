import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { ProblemAlert } from '../../ui/ProblemAlert';

/** Codes the documents API adds to the glossary's: explained in this screen's words, with the code. */
const OWN_CODES = ['NOTHING_TO_ISSUE', 'RECORD_INCONSISTENT', 'STALE_FORM_VERSION'];

export function DocumentsProblem({ problem, onRetry }: { problem: unknown; onRetry?: () => void }) {
  const { t } = useTranslation('documents');
  if (problem instanceof ApiProblem && OWN_CODES.includes(problem.code)) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        data-error-code={problem.code}
        title={t('errors.title')}
        description={t('errors.withCode', { message: t(`errors.${problem.code}`), code: problem.code })}
      />
    );
  }
  return <ProblemAlert problem={problem} {...(onRetry ? { onRetry } : {})} />;
}
