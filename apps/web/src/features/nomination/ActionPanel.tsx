import { useNavigate } from '@tanstack/react-router';
import { Button, Card, Descriptions, Modal, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import type { FormAction } from './action-body';
import { ActionDialog } from './ActionDialog';
import { ACTION_KEYS, ACTION_ORDER, NOT_FOR_YOU, type ActionName, type Availability } from './actions';
import type { NominationDetail } from './nomination-queries';

/** The actions shown: what the user may do, and what their role could do now but a rule refuses (with why). */
export function visibleActions(actions: readonly Availability[]): Availability[] {
  return ACTION_ORDER.map((name) => actions.find((a) => a.action === name)).filter(
    (a): a is Availability => a !== undefined && (a.allowed || !NOT_FOR_YOU.has(a.code)),
  );
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * The action bar of a nomination: one button per action with its key; a
 * refused one stays visible, disabled, with the reason beside it (and read by
 * screen readers through aria-describedby). Each action opens its form.
 */
export function ActionPanel({
  detail,
  availability,
  onDone,
}: {
  detail: NominationDetail;
  availability: readonly Availability[];
  onDone: (action: ActionName, result: Schemas['ActionResult']) => void;
}) {
  const { t } = useTranslation('nomination');
  const navigate = useNavigate();
  const [open, setOpen] = useState<FormAction | null>(null);
  const [help, setHelp] = useState(false);
  const shown = visibleActions(availability);

  function start(action: ActionName): void {
    if (action === 'EditDraft') {
      void navigate({ to: '/draft/$nominationId', params: { nominationId: detail.nominationId } });
      return;
    }
    setOpen(action);
  }

  // Keys act only when nothing else has the keyboard: no dialog open, not typing in a field.
  const latest = useRef({ shown, open, help, start });
  latest.current = { shown, open, help, start };
  useEffect(() => {
    function onKey(event: KeyboardEvent): void {
      const { shown: now, open: dialog, help: helpOpen, start: begin } = latest.current;
      if (event.ctrlKey || event.metaKey || event.altKey || dialog || helpOpen || isTyping(event.target)) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      if (event.key === '?') {
        event.preventDefault();
        setHelp(true);
        return;
      }
      const match = now.find((a) => a.allowed && ACTION_KEYS[a.action] === event.key.toLowerCase());
      if (match) {
        event.preventDefault();
        begin(match.action);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {t('actions.title')}
        </Typography.Title>
      }
      extra={
        <Button type="link" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('actions.keysHelp')} <kbd className="laurel-kbd">?</kbd>
        </Button>
      }
      data-testid="action-panel"
    >
      {shown.length === 0 ? (
        <Typography.Text type="secondary">{t('actions.none')}</Typography.Text>
      ) : (
        <Space direction="vertical" size="small" style={{ width: '100%' }}>
          {shown.map((a) => {
            const reasonId = `reason-${a.action}`;
            return (
              <div key={a.action} className="laurel-action-row" data-action={a.action}>
                <Button
                  // antd's red (danger) buttons fall below 4.5:1; irreversible actions are marked by their confirmation instead.
                  type={
                    a.allowed && a.action !== 'WithdrawNomination' && a.action !== 'RevokeAward' ? 'primary' : 'default'
                  }
                  disabled={!a.allowed}
                  onClick={() => start(a.action)}
                  aria-keyshortcuts={ACTION_KEYS[a.action]}
                  aria-describedby={a.allowed ? undefined : reasonId}
                >
                  {t(`actions.names.${a.action}`)} <kbd className="laurel-kbd">{ACTION_KEYS[a.action]}</kbd>
                </Button>
                {a.allowed ? null : (
                  <Typography.Text type="secondary" id={reasonId} data-refusal-code={a.code}>
                    {t(`errors.codes.${a.code}`, { ns: 'common', defaultValue: a.message })} ({a.code})
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </Space>
      )}
      {open ? (
        <ActionDialog
          action={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={(result) => {
            const done = open;
            setOpen(null);
            onDone(done, result);
          }}
        />
      ) : null}
      <Modal open={help} title={t('actions.keysHelp')} onCancel={() => setHelp(false)} footer={null}>
        <Descriptions column={1} size="small" bordered>
          {ACTION_ORDER.map((name) => (
            <Descriptions.Item key={name} label={<kbd className="laurel-kbd">{ACTION_KEYS[name]}</kbd>}>
              {t(`actions.names.${name}`)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={<kbd className="laurel-kbd">?</kbd>}>{t('actions.keysHelp')}</Descriptions.Item>
          <Descriptions.Item label={<kbd className="laurel-kbd">Esc</kbd>}>{t('actions.escCloses')}</Descriptions.Item>
        </Descriptions>
      </Modal>
    </Card>
  );
}
