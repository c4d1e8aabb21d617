import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import i18n from '../i18n';
import { dayjs } from '../lib/time';
import { router } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A refusal (4xx) will not change by asking again; an outage may.
      retry: (failures, error) => failures < 2 && (!(error instanceof ApiProblem) || error.retryable),
    },
  },
});

function Localised() {
  const { i18n: current } = useTranslation();
  const language = current.language === 'en' ? 'en' : 'vi';
  useEffect(() => {
    dayjs.locale(language);
    document.documentElement.lang = language;
  }, [language]);
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : viVN}
      theme={{
        token: {
          fontFamily: "'Be Vietnam Pro', system-ui, sans-serif",
          // Darker than antd's default blue: 4.5:1 on white for text links (WCAG AA).
          colorPrimary: '#0b57d0',
          colorLink: '#0b57d0',
          // antd derives lighter hover and active shades, which fall below 4.5:1 as text on white
          // (a default button under the pointer after a click): darker shades keep AA in every state.
          colorPrimaryHover: '#0842a0',
          colorPrimaryActive: '#062e6f',
          colorLinkHover: '#0842a0',
          colorLinkActive: '#062e6f',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
        },
      }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <Localised />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
