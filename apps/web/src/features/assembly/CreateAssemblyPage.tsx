import { useNavigate } from 'react-router';
import { Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ASSEMBLY_MATTER_KINDS } from '@gongzhi/core';
import { gz, unwrap } from '../../api/client.ts';
import { useApiMutation } from '../../api/useApiMutation.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import type { CreateAssemblyBody } from './types.ts';
import { assemblyKeys } from './assembly.queries.ts';
import { RangeLabels, rangeIds } from '../../components/RangeLabels.tsx';

interface Values {
  regionId: string;
  title: string;
  description?: string;
  noticedAt?: Dayjs | null;
  window: [Dayjs, Dayjs];
  matters: { kind: CreateAssemblyBody['matters'][number]['kind']; title: string }[];
}

/**
 * /assemblies/new — convene an assembly: the compound, the notice date, the voting window (the
 * form proposes one opening 15 days after today; the server refuses anything shorter) and the
 * matters, each of one of the nine kinds of art. 278.
 */
export default function CreateAssemblyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  // The notice runs from when the form is sent: a day's margin past the 15 days, at 9 in the morning.
  const opens = dayjs().add(16, 'day').startOf('day').add(9, 'hour');

  const creating = useApiMutation({
    mutationFn: (v: Values) => unwrap(gz.POST('/api/v1/assemblies', {
      body: {
        regionId: v.regionId, title: v.title, description: v.description ?? '',
        // The notice goes up now unless it is scheduled for later; it cannot be dated back.
        noticedAt: v.noticedAt && v.noticedAt.isAfter(dayjs()) ? v.noticedAt.toISOString() : undefined, opensAt: v.window[0].toISOString(), closesAt: v.window[1].toISOString(),
        matters: v.matters.map((m) => ({ kind: m.kind, title: m.title })),
      } satisfies CreateAssemblyBody,
    })),
    invalidates: [assemblyKeys.all],
    onSuccess: (a) => navigate(`/assemblies/${a.id}`),
    form,
  });

  const required = [{ required: true, message: t('assembly.create.required') }];
  return (
    <div data-testid="assembly-create-page" style={{ maxWidth: 760 }}>
      <Typography.Title level={2}>{t('assembly.create.title')}</Typography.Title>
      <Form form={form} layout="vertical" onFinish={(v) => creating.mutate(v)}
        initialValues={{ window: [opens, opens.add(14, 'day')], matters: [{ kind: 'property_manager', title: '' }] }}
      >
        <Form.Item name="regionId" label={t('assembly.create.compound')} rules={required}>
          <RegionTreeSelect testId="assembly-region" selectable={(r) => r.level !== 'district' && r.level !== 'street'} />
        </Form.Item>
        <Form.Item name="title" label={t('assembly.create.name')} rules={required}><Input maxLength={200} data-testid="assembly-title" /></Form.Item>
        <Form.Item name="description" label={t('assembly.create.description')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        <Form.Item name="noticedAt" label={t('assembly.create.noticedAt')}><DatePicker showTime disabledDate={(d) => d.isBefore(dayjs(), 'day')} /></Form.Item>
        {/* The label names the start input (its id); the end input gets a label of its own. */}
        <Form.Item name="window" label={t('assembly.create.window')} htmlFor={rangeIds('window').start} extra={t('assembly.create.noticeRule')} rules={required}>
          <DatePicker.RangePicker showTime id={rangeIds('window')} />
        </Form.Item>
        <RangeLabels base="window" label={t('assembly.create.window')} skipStart />
        <Card size="small" title={t('assembly.create.matters')} style={{ marginBottom: 16 }}>
          <Form.List name="matters">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'kind']} label={t('assembly.create.kind')} rules={required} style={{ minWidth: 260 }}>
                      <Select options={ASSEMBLY_MATTER_KINDS.map((k) => ({ value: k, label: t(`assembly.kind.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} label={t('assembly.create.matterTitle')} rules={required} style={{ minWidth: 260 }}>
                      <Input maxLength={200} data-testid={`assembly-matter-${f.name}`} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 38 }} />}
                  </Space>
                ))}
                {fields.length < 20 && <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'other_major', title: '' })}>{t('assembly.create.addMatter')}</Button>}
              </>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={creating.isPending} data-testid="assembly-submit">{t('assembly.create.submit')}</Button>
      </Form>
    </div>
  );
}
