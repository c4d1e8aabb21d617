import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const SHORTCUTS = [
  { keys: ['↓', 'j'], what: 'down' },
  { keys: ['↑', 'k'], what: 'up' },
  { keys: ['Enter'], what: 'open' },
  { keys: ['?'], what: 'help' },
] as const;

/** The inbox's keyboard shortcuts, opened with `?` or the Shortcuts button. */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('inbox');
  return (
    <Modal
      open={open}
      title={t('keyboard.title')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('keyboard.close')}
        </Button>
      }
      data-testid="keyboard-help"
    >
      <dl className="inbox-shortcuts">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.what}>
            <dt>
              {shortcut.keys.map((key) => (
                <Typography.Text keyboard key={key}>
                  {key}
                </Typography.Text>
              ))}
            </dt>
            <dd>{t(`keyboard.${shortcut.what}`)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
