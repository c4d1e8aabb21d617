import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, unwrap } from '../../api/client';
import { formatDateTime } from '../../lib/time';
import { useProblemText } from '../../ui/ProblemAlert';

type Values = { name?: string; text: string };

/**
 * A comment on a proposal open for comment. The text stays in the form when
 * the API refuses it (the reason shown with its code), and is cleared only
 * once the comment is recorded.
 */
export function CommentForm({ nominationId }: { nominationId: string }) {
  const { t, i18n } = useTranslation('publication');
  const describe = useProblemText();
  const [form] = Form.useForm<Values>();
  const id = useId();
  const [receipt, setReceipt] = useState<{ commentId: string; recordedAt: string } | undefined>();
  const send = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/public/proposals/{nominationId}/comments', {
          params: { path: { nominationId } },
          body: { text: values.text, ...(values.name?.trim() ? { name: values.name } : {}) },
        }),
      ),
    onSuccess: (data) => {
      setReceipt(data);
      form.resetFields();
    },
  });

  function problemText(problem: unknown): { code: string; text: string } {
    const code = problem instanceof ApiProblem ? problem.code : 'NETWORK';
    if (i18n.exists(`errors.${code}`, { ns: 'publication' })) {
      return { code, text: t('errors.withCode', { ns: 'common', message: t(`errors.${code}`), code }) };
    }
    return describe(problem);
  }
  const failure = send.error ? problemText(send.error) : undefined;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      aria-label={t('comment.heading')}
      onFinish={(values) => {
        setReceipt(undefined);
        send.mutate(values);
      }}
      onValuesChange={() => send.error && send.reset()}
      data-testid="public-comment-form"
      style={{ marginTop: 8 }}
    >
      <Form.Item
        name="name"
        label={t('comment.name')}
        htmlFor={`${id}-name`}
        rules={[{ max: 200, message: t('comment.nameTooLong') }]}
      >
        <Input id={`${id}-name`} autoComplete="name" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('comment.text')}
        htmlFor={`${id}-text`}
        rules={[
          { required: true, whitespace: true, message: t('comment.textRequired') },
          { max: 2000, message: t('comment.textTooLong') },
        ]}
      >
        <Input.TextArea id={`${id}-text`} rows={3} showCount maxLength={2000} />
      </Form.Item>
      {failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-error-code={failure.code}
          title={t('errors.title', { ns: 'common' })}
          description={failure.text}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {receipt ? (
        <Alert
          type="success"
          showIcon
          role="status"
          data-testid="public-comment-sent"
          title={t('comment.sent', { at: formatDateTime(receipt.recordedAt), id: receipt.commentId.slice(0, 8) })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('comment.submit')}
      </Button>
    </Form>
  );
}
