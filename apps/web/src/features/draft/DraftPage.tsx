import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Alert, Button, Form, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { AwardFields } from './AwardFields';
import { useAwardChoices } from './award-choices';
import { draftValuesOf, newDraftValues, type DraftValues } from './draft-values';
import { EvidenceEditor } from './EvidenceEditor';
import { SectionCard } from '../../ui/SectionCard';
import { NomineeFields } from './NomineeFields';
import { RecordFields } from './RecordFields';
import { SaveStatus } from './SaveStatus';
import { useDraftAutosave } from './useDraftAutosave';

export default function DraftPage() {
  const { t } = useTranslation('draft');
  const params = useParams({ strict: false }) as { nominationId?: string };
  const existing = useQuery({
    queryKey: ['nomination', params.nominationId],
    queryFn: () => unwrap(api.GET('/nominations/{id}', { params: { path: { id: params.nominationId! } } })),
    enabled: params.nominationId !== undefined,
    staleTime: Infinity,
  });
  if (params.nominationId !== undefined) {
    if (existing.isPending) return <Skeleton active />;
    if (existing.isError) return <ProblemAlert problem={existing.error} onRetry={() => void existing.refetch()} />;
    const state = existing.data.state;
    if (state.stage === 'Initial') return <Skeleton />;
    if (state.stage !== 'Draft') {
      return (
        <Alert
          type="info"
          showIcon
          title={t('notDraft')}
          action={
            <Link to="/nominations/$nominationId" params={{ nominationId: params.nominationId }}>
              <Button>{t('openNomination')}</Button>
            </Link>
          }
        />
      );
    }
    return <DraftForm nominationId={params.nominationId} initial={draftValuesOf(state.nomination, state.evidence)} />;
  }
  return <DraftForm initial={newDraftValues()} />;
}

function DraftForm({ nominationId: givenId, initial }: { nominationId?: string; initial: DraftValues }) {
  const { t } = useTranslation('draft');
  const { claims } = useSession();
  const [form] = Form.useForm<DraftValues>();
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const chosenCode = Form.useWatch('awardType', form) ?? initial.awardType;
  const choices = useAwardChoices(claims?.blockId);
  const { save, flush, scheduleSave, draftId } = useDraftAutosave(form, givenId);

  const awards = choices.filter((a) => a.kinds.includes(kind));
  const chosen = awards.find((a) => a.code === chosenCode);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1}>{givenId ? t('titleEdit') : t('title')}</Typography.Title>
      <SaveStatus state={save} onRetry={() => void flush()} />
      <Form<DraftValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<DraftValues>) => {
          if (changed.kind) {
            const award = form.getFieldValue('awardType') as DraftValues['awardType'];
            if (award && !choices.find((a) => a.code === award)?.kinds.includes(changed.kind))
              form.setFieldValue('awardType', undefined);
          }
          scheduleSave();
        }}
        onFinish={() => void flush()}
        scrollToFirstError
        data-testid="draft-form"
      >
        <NomineeFields kind={kind} />
        <AwardFields awards={awards} chosen={chosen} />
        <RecordFields kind={kind} />
        <SectionCard title={t('sections.evidence')} style={{ marginTop: 16 }}>
          <Form.Item name="evidence" label={t('fields.evidence')}>
            <EvidenceEditor idPrefix="draft-evidence" />
          </Form.Item>
        </SectionCard>
        <Space style={{ marginTop: 16 }} wrap>
          <Button type="primary" htmlType="submit">
            {t('saveNow')}
          </Button>
          {draftId ? (
            <Link to="/nominations/$nominationId" params={{ nominationId: draftId }}>
              <Button>{t('openNomination')}</Button>
            </Link>
          ) : null}
          <Typography.Text type="secondary">{t('headSubmits')}</Typography.Text>
        </Space>
      </Form>
    </Space>
  );
}
