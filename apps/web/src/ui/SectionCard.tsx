import { Card, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/** One card of a page's body, headed at level 2 under the page's own title. */
export function SectionCard({
  title,
  children,
  testId,
  size,
  style,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  size?: 'small';
  style?: CSSProperties;
}) {
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {title}
        </Typography.Title>
      }
      data-testid={testId}
      size={size}
      style={style}
    >
      {children}
    </Card>
  );
}
