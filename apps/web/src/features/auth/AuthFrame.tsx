import type { ReactNode } from 'react';
import { Space, Typography } from 'antd';
import { Panel } from '../../components/Panel.tsx';
import { ElderSwitch, LanguageSwitch } from '../../shell/HeaderBar.tsx';

/** The frame of the public account pages (sign-in, sign-up, forgotten password): phone-first, elder switch on top. */
export function AuthFrame({ title, subtitle, children, testId }: { title: ReactNode; subtitle?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', display: 'flex', flexDirection: 'column' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 12, padding: 12, flexWrap: 'wrap' }}>
        <ElderSwitch />
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <Panel style={{ width: '100%', maxWidth: 460 }} testId={testId}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div style={{ textAlign: 'center' }}>
              <Typography.Title level={2} style={{ marginBottom: 0 }}>{title}</Typography.Title>
              {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
            </div>
            {children}
          </Space>
        </Panel>
      </div>
    </div>
  );
}
