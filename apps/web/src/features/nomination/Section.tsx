import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** One card of the nomination page, headed at level 2 under the nominee's name. */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          {title}
        </Typography.Title>
      }
      data-testid={testId}
      size="small"
    >
      {children}
    </Card>
  );
}
