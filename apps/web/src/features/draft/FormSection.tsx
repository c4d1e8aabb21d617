import { Card, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/** One card of the draft form, headed at level 2 under the page's title. */
export function FormSection({ title, style, children }: { title: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {title}
        </Typography.Title>
      }
      style={style}
    >
      {children}
    </Card>
  );
}
