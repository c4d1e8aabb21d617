import { useRouter } from '@tanstack/react-router';
import { Alert, Button, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { completeOidcSignIn, isOidcCallback, OidcSignInError, startOidcSignIn, type OidcConfig } from './oidc';
import { session } from './session';

/** Sign-in through the province's OIDC provider (the embedded login is off in this mode). */
export function OidcSignIn({ config }: { config: OidcConfig }) {
  const { t } = useTranslation('inbox');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [finishing, setFinishing] = useState(isOidcCallback);
  const started = useRef(false);
  const configured = config.clientId !== '' && config.authorizationEndpoint !== '' && config.tokenEndpoint !== '';

  useEffect(() => {
    if (!isOidcCallback() || started.current) return;
    started.current = true;
    completeOidcSignIn(config)
      .then(({ token, returnTo }) => {
        session.signIn(token);
        router.history.replace(returnTo);
      })
      .catch((failure: unknown) => {
        setError(failure instanceof OidcSignInError ? failure.code : 'OIDC_TOKEN_REFUSED');
        setFinishing(false);
      });
  }, [config, router]);

  if (finishing) return <Spin tip={t('oidc.finishing')}>{<div style={{ minHeight: 48 }} />}</Spin>;
  const problem = configured ? error : 'OIDC_NOT_CONFIGURED';
  return (
    <div>
      {problem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-error-code={problem}
          style={{ marginBottom: 16 }}
          description={t('oidc.withCode', { message: t(`oidc.errors.${problem}`), code: problem })}
        />
      ) : null}
      <Button
        type="primary"
        block
        disabled={!configured}
        onClick={() => void startOidcSignIn(config)}
        data-testid="oidc-sign-in"
      >
        {t('oidc.button')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('oidc.hint')}
      </Typography.Paragraph>
    </div>
  );
}
