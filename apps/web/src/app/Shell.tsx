import { Layout, Menu, Modal, Segmented, Space, Typography, Button } from 'antd';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SignInForm } from '../auth/SignInForm';
import { session, useSession } from '../auth/session';
import { PendingTasksBadge } from '../features/inbox';
import { rememberLanguage, type Language } from '../i18n';
import { navigationFor } from './navigation';

/**
 * The frame of every screen. Without a token the sign-in form takes the
 * content area at the same URL (except the public pages under /public), so after sign-in the user is where they meant
 * to go. An expired token opens a dialog over the page instead, which keeps
 * the page (and any half-filled form) mounted underneath.
 */
export function Shell() {
  const { t, i18n } = useTranslation('common');
  const { token, claims, expired } = useSession();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // What a province publishes is for anyone: its pages need no token.
  const isPublic = /^(\/app)?\/public(\/|$)/.test(pathname);
  const items = navigationFor(claims?.role).map((item) => ({
    key: item.to,
    label: (
      <Link to={item.to} data-nav={item.key}>
        {t(`nav.${item.key}`, { ns: item.ns ?? 'common' })}
        {item.key === 'inbox' ? <PendingTasksBadge /> : null}
      </Link>
    ),
  }));
  const selected = navigationFor(claims?.role)
    .filter((item) => pathname === `/app${item.to === '/' ? '/' : item.to}` || pathname.startsWith(`/app${item.to}/`))
    .map((item) => item.to);

  function switchLanguage(language: Language): void {
    rememberLanguage(language);
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="laurel-header">
        <Link to="/" className="laurel-brand">
          <span className="laurel-brand-name">{t('app.name')}</span>
          <span className="laurel-brand-tagline">{t('app.tagline')}</span>
        </Link>
        {token ? (
          <nav aria-label={t('app.name')} className="laurel-nav">
            <Menu mode="horizontal" theme="dark" selectedKeys={selected} items={items} disabledOverflow />
          </nav>
        ) : (
          <span style={{ flex: 1 }} />
        )}
        <Space size="middle" wrap={false}>
          <Segmented<Language>
            aria-label={t('app.language')}
            size="small"
            value={i18n.language === 'en' ? 'en' : 'vi'}
            options={[
              { label: 'VI', value: 'vi', title: 'Tiếng Việt' },
              { label: 'EN', value: 'en', title: 'English' },
            ]}
            onChange={switchLanguage}
            data-testid="language-switch"
          />
          {claims ? (
            <Space size="small" className="laurel-user">
              <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
                {claims.name ?? claims.sub}
                {claims.role ? ` · ${t(`roles.${claims.role}`)}` : ''}
              </Typography.Text>
              <Button size="small" onClick={() => session.signOut()}>
                {t('app.signOut')}
              </Button>
            </Space>
          ) : null}
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="laurel-content">
        {token || isPublic ? <Outlet /> : <SignInPage />}
      </Layout.Content>
      <Modal
        open={expired}
        title={t('signIn.title')}
        footer={null}
        closable={false}
        maskClosable={false}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('signIn.expired')}</Typography.Paragraph>
        <SignInForm {...(claims?.sub ? { username: claims.sub } : {})} />
      </Modal>
    </Layout>
  );
}

function SignInPage() {
  const { t } = useTranslation('common');
  return (
    <div className="laurel-sign-in">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('signIn.title')}
      </Typography.Title>
      <SignInForm />
    </div>
  );
}
