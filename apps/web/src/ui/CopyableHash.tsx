import { Typography } from 'antd';

/** A sha256 (or any long identifier) in monospace, selectable and copyable in one click. */
export function CopyableHash({ value, label }: { value: string; label: string }) {
  return (
    <span data-sha256={value}>
      <Typography.Text
        code
        copyable={{ text: value, tooltips: false }}
        aria-label={label}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', wordBreak: 'break-all' }}
      >
        {value}
      </Typography.Text>
    </span>
  );
}
