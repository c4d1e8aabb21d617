import { Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/time';
import type { AuditEvent, History } from './audit-api';
import { describeEvent, eventTypeName, type Names } from './describe-event';

type Actor = { userId?: string; role?: string; unitId?: string; blockId?: string };

function actorOf(event: AuditEvent): Actor {
  const actor = event.actor;
  return typeof actor === 'object' && actor !== null && !Array.isArray(actor) ? (actor as Actor) : {};
}

/** The short form of a hash; the full one on hover and in the copy button. */
export function ShortHash({ hash }: { hash: string | null | undefined }) {
  const { t } = useTranslation('audit');
  if (!hash) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={hash}>
      <Typography.Text
        code
        copyable={{ text: hash, tooltips: [t('timeline.copyHash'), t('timeline.copied')] }}
        data-hash={hash}
        aria-label={t('timeline.hashLabel', { hash })}
      >
        {hash.slice(0, 10)}
      </Typography.Text>
    </Tooltip>
  );
}

/** Every event of the nomination: who, in what role and unit, when (Vietnam time), what, and its place in the chain. */
export function Timeline({ history, names }: { history: History; names: Names & { block: (id: unknown) => string } }) {
  const { t } = useTranslation('audit');
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="middle"
      dataSource={[...history.events]}
      pagination={false}
      scroll={{ x: 1100 }}
      aria-label={t('timeline.label')}
      data-testid="timeline"
      onRow={(event) =>
        ({ 'data-version': event.version, 'data-type': event.type }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        { title: t('timeline.version'), dataIndex: 'version', key: 'version', width: 70, align: 'right' },
        {
          title: t('timeline.when'),
          key: 'when',
          width: 140,
          render: (_: unknown, event) => {
            const at = event.at ?? event.recordedAt;
            return (
              <time dateTime={at} data-testid="event-time" className="audit-nowrap">
                {formatDateTime(at)}
              </time>
            );
          },
        },
        {
          title: t('timeline.who'),
          key: 'who',
          width: 190,
          render: (_: unknown, event) => {
            const actor = actorOf(event);
            if (actor.role === 'system' || actor.userId === 'system') return t('timeline.system');
            return <span data-testid="event-who">{names.person(actor.userId)}</span>;
          },
        },
        {
          title: t('timeline.role'),
          key: 'role',
          width: 170,
          render: (_: unknown, event) => {
            const role = actorOf(event).role;
            return role ? t(`roles.${role}`, { ns: 'common', defaultValue: role }) : '';
          },
        },
        {
          title: t('timeline.unit'),
          key: 'unit',
          width: 200,
          render: (_: unknown, event) => {
            const actor = actorOf(event);
            if (actor.unitId) return names.unit(actor.unitId);
            if (actor.blockId) return names.block(actor.blockId);
            return '—';
          },
        },
        {
          title: t('timeline.what'),
          key: 'what',
          render: (_: unknown, event) => (
            <div>
              <Typography.Text strong>{eventTypeName(event.type, t)}</Typography.Text>
              <div data-testid="event-what">{describeEvent(event, t, names)}</div>
            </div>
          ),
        },
        {
          title: t('timeline.hash'),
          key: 'hash',
          width: 150,
          render: (_: unknown, event) => <ShortHash hash={event.hash} />,
        },
      ]}
    />
  );
}
