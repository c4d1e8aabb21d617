import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import './audit.css';
import { AuditHome } from './AuditHome';
import { NominationWorkspace } from './NominationWorkspace';
import type { AuditSearch } from './index';

/** `/audit`: pick a nomination (and the province-wide tools); `/audit/$nominationId`: its workspace. */
export default function AuditPage() {
  const { nominationId } = useParams({ strict: false }) as { nominationId?: string };
  const search = useSearch({ strict: false }) as AuditSearch;
  const navigate = useNavigate();
  useTranslation('audit');
  if (!nominationId) return <AuditHome />;
  return (
    <NominationWorkspace
      key={nominationId}
      nominationId={nominationId}
      search={search}
      onSearch={(next) =>
        void navigate({
          to: '/audit/$nominationId',
          params: { nominationId },
          search: next,
          replace: true,
        })
      }
    />
  );
}
