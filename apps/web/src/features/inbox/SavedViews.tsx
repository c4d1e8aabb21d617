import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Popconfirm, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../ui/ProblemAlert';
import type { InboxFilters, InboxSearch } from './filters';
import type { SavedView } from './queries';

const VIEWS_KEY = ['views'] as const;

/** A view opened by its link (`?view=<id>`): its owner's filters, applied to the viewer's own tasks. */
export function useSavedView(viewId: string | undefined) {
  const { token } = useSession();
  return useQuery({
    queryKey: [...VIEWS_KEY, 'one', viewId, token],
    queryFn: () => unwrap(api.GET('/views/{id}', { params: { path: { id: viewId ?? '' } } })),
    enabled: viewId !== undefined && token !== null,
    staleTime: 60_000,
  });
}

function useMyViews() {
  const { token } = useSession();
  return useQuery({
    queryKey: [...VIEWS_KEY, 'mine', token],
    queryFn: () => unwrap(api.GET('/views')),
    enabled: token !== null,
  });
}

type Props = {
  readonly search: InboxSearch;
  /** The filters in force (the view's, when one is open). */
  readonly filters: InboxFilters;
  readonly view: ReturnType<typeof useSavedView>;
  readonly onOpen: (viewId: string) => void;
  /** Leave the view, keeping its filters in the URL. */
  readonly onClose: (filters: InboxFilters) => void;
};

export function SavedViews({ search, filters, view, onOpen, onClose }: Props) {
  const { t } = useTranslation('inbox');
  const { message } = App.useApp();
  const { claims } = useSession();
  const queryClient = useQueryClient();
  const mine = useMyViews();
  const [name, setName] = useState('');
  const [nameMissing, setNameMissing] = useState(false);

  const save = useMutation({
    mutationFn: (body: { name: string; filters: InboxFilters }) => unwrap(api.POST('/views', { body })),
    onSuccess: async (created: SavedView) => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
      void message.success(t('views.saved', { name: created.name }));
      onOpen(created.id);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/views/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
      void message.success(t('views.deleted'));
      onClose(filters);
    },
  });

  const current = view.data;
  const own = current !== undefined && current.ownerId === claims?.sub;
  const link = current ? `${globalThis.location.origin}/app/?view=${current.id}` : '';

  function submit(): void {
    const trimmed = name.trim();
    setNameMissing(trimmed === '');
    if (trimmed !== '') save.mutate({ name: trimmed, filters });
  }

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      void message.success(t('views.copied'));
    } catch {
      // No clipboard permission (an insecure origin): the link is shown for copying by hand.
      void message.info(link);
    }
  }

  return (
    <section aria-label={t('views.legend')} className="inbox-views">
      <Flex wrap gap={12} align="end">
        <Flex vertical gap={2} className="inbox-filter">
          <label htmlFor="inbox-view-pick" className="inbox-filter-label">
            {t('views.pick')}
          </label>
          <Select
            id="inbox-view-pick"
            allowClear
            value={search.view}
            placeholder={mine.data?.items.length ? t('filters.any') : t('views.none')}
            loading={mine.isLoading}
            onChange={(id: string | undefined) => (id ? onOpen(id) : onClose(filters))}
            options={[
              ...(mine.data?.items ?? []).map((v) => ({ value: v.id, label: v.name })),
              // A view someone shared: shown by its name though it is not in the viewer's list.
              ...(current && !mine.data?.items.some((v) => v.id === current.id)
                ? [{ value: current.id, label: current.name }]
                : []),
            ]}
            popupMatchSelectWidth={false}
            style={{ minWidth: 200 }}
            data-testid="view-pick"
          />
        </Flex>
        <Form layout="vertical" className="inbox-view-save" onFinish={submit} component="div">
          <Flex gap={8} align="end" wrap>
            <Form.Item
              label={t('views.name')}
              htmlFor="inbox-view-name"
              validateStatus={nameMissing ? 'error' : undefined}
              help={nameMissing ? t('views.nameRequired') : undefined}
              style={{ marginBottom: 0 }}
            >
              <Input
                id="inbox-view-name"
                value={name}
                maxLength={100}
                placeholder={t('views.namePlaceholder')}
                onChange={(event) => setName(event.target.value)}
                onPressEnter={submit}
                data-testid="view-name"
              />
            </Form.Item>
            <Button onClick={submit} loading={save.isPending} data-testid="view-save">
              {t('views.save')}
            </Button>
          </Flex>
        </Form>
        {current ? (
          <Flex gap={8} align="center" wrap>
            <Tag color="blue" data-testid="view-current">
              {t('views.current', { name: current.name })}
              {own ? '' : ` · ${t('views.sharedBy', { owner: current.ownerId })}`}
            </Tag>
            <Button onClick={() => void copy()} data-testid="view-copy">
              {t('views.copyLink')}
            </Button>
            {own ? (
              <Popconfirm
                title={t('views.deleteConfirm', { name: current.name })}
                okText={t('views.yes')}
                cancelText={t('views.no')}
                onConfirm={() => remove.mutate(current.id)}
              >
                <Button danger loading={remove.isPending}>
                  {t('views.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      {view.error ? (
        <div style={{ marginTop: 8 }}>
          <ProblemAlert problem={view.error} />
        </div>
      ) : null}
      {save.error ? (
        <div style={{ marginTop: 8 }}>
          <ProblemAlert problem={save.error} onRetry={submit} />
        </div>
      ) : null}
      {remove.error ? (
        <div style={{ marginTop: 8 }}>
          <ProblemAlert problem={remove.error} />
        </div>
      ) : null}
    </section>
  );
}
