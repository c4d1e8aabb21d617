import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../ui/ProblemAlert';
import { OidcSignIn } from './OidcSignIn';
import { session } from './session';

type Credentials = { username: string; password: string };

/**
 * Sign-in, as GET /auth/config says: the province's OIDC provider, or the
 * embedded login. Used by the sign-in page and the expired-session dialog.
 */
export function SignInForm({ username }: { username?: string }) {
  const config = useQuery({
    queryKey: ['auth-config'],
    queryFn: () => unwrap(api.GET('/auth/config')),
    staleTime: Infinity,
  });
  if (config.data?.mode === 'oidc') return <OidcSignIn config={config.data} />;
  return <EmbeddedSignInForm {...(username !== undefined ? { username } : {})} />;
}

/** The embedded login (the API's own directory). */
function EmbeddedSignInForm({ username }: { username?: string }) {
  const { t } = useTranslation('common');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Credentials): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      const token = await unwrap(api.POST('/auth/token', { body: values }));
      session.signIn((token as { access_token: string }).access_token);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Credentials>
      layout="vertical"
      name="sign-in"
      initialValues={{ username: username ?? '' }}
      onFinish={(values) => void submit(values)}
      requiredMark={false}
    >
      <Form.Item
        label={t('signIn.username')}
        name="username"
        rules={[{ required: true, message: t('signIn.required', { field: t('signIn.username').toLowerCase() }) }]}
      >
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item
        label={t('signIn.password')}
        name="password"
        rules={[{ required: true, message: t('signIn.required', { field: t('signIn.password').toLowerCase() }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      {problem ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert problem={problem} />
        </div>
      ) : null}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('signIn.submit')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('signIn.demoHint')}
      </Typography.Paragraph>
    </Form>
  );
}
