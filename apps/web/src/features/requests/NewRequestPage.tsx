import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { CreateRequestBody } from '../../api/types.ts';
import { failureText } from '../../components/useNotifyError.ts';
import { useSession } from '../../shell/session.tsx';
import { hasLocation, LocationPicker, placeBody, type LocationValue } from './LocationPicker.tsx';
import { ReportDone } from './ReportDone.tsx';
import { ResidentPicker } from './ResidentPicker.tsx';
import { SimilarNotice } from './SimilarNotice.tsx';
import { useCategories } from './catalogue.ts';
import { MAX_PHOTO_BYTES, PhotoPicker } from './photos.tsx';
import { useFileRequest } from './useFileRequest.ts';

interface Values {
  channel: 'grid_worker' | 'phone';
  reporterKind: 'resident' | 'caller';
  residentId?: string;
  callerName?: string;
  callerPhone?: string;
  description: string;
  categoryCode?: string;
  anonymous: boolean;
}

/**
 * /requests/new — 代为反映 / 来电登记: a grid worker files for a resident met on a visit, or staff log
 * a phone call (前台一口受理). The same record as a resident's own report, with the channel and the
 * reporter named; the staff member who files it becomes its owner (首问负责).
 */
export default function NewRequestPage() {
  const { t } = useTranslation();
  const { session, can } = useSession();
  const { data: categories } = useCategories();
  const [form] = Form.useForm<Values>();
  const reporterKind = Form.useWatch('reporterKind', form);
  const categoryCode = Form.useWatch('categoryCode', form);
  const [place, setPlace] = useState<LocationValue>({ address: '' });
  const [placeMissing, setPlaceMissing] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const filing = useFileRequest((e) => {
    if (e instanceof ApiError && !e.isAuthLoss && e.fieldIssues.length) {
      form.setFields(e.fieldIssues.map((i) => ({ name: i.path.replace(/^\//, '').split('/') as never, errors: [i.message] })));
    }
  });
  const failure = failureText(filing.error);
  const done = filing.data?.created;
  const photoFailures = filing.data?.photoFailures ?? [];
  const gridWorker = session?.grants.some((g) => g.role === 'grid_worker') ?? false;
  const findResidents = can('people.read');

  const submit = async () => {
    const v = await form.validateFields();
    if (!hasLocation(place)) return setPlaceMissing(true);
    if (photos.some((f) => f.size > MAX_PHOTO_BYTES)) return;
    const reporter = v.reporterKind === 'resident'
      ? (v.residentId ? { residentId: v.residentId } : undefined)
      : { ...(v.callerName?.trim() ? { name: v.callerName.trim() } : {}), ...(v.callerPhone?.trim() ? { phone: v.callerPhone.trim() } : {}) };
    const body: CreateRequestBody = {
      channel: v.channel,
      description: v.description.trim(),
      ...(v.categoryCode ? { categoryCode: v.categoryCode } : {}),
      ...placeBody(place),
      anonymous: v.anonymous,
      ...(reporter && Object.keys(reporter).length ? { reporter } : {}),
    };
    filing.mutate({ body, photos });
  };

  if (done) {
    return (
      <ReportDone
        request={done}
        detailPath={`/requests/${done.id}`}
        photoFailures={photoFailures}
        onAgain={() => {
          form.resetFields();
          setPlace({ address: '' });
          setPhotos([]);
          filing.reset();
        }}
      />
    );
  }

  const point = place.place?.kind === 'point' ? place.place : null;
  return (
    <div data-testid="new-request-page" style={{ maxWidth: 900 }}>
      <Typography.Title level={3}>{t('newRequest.title')}</Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: gridWorker ? 'grid_worker' : 'phone', reporterKind: findResidents ? 'resident' : 'caller', anonymous: false }}
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="channel" label={t('newRequest.channel')}>
                <Radio.Group optionType="button" buttonStyle="solid" data-testid="new-channel"
                  options={[{ value: 'grid_worker', label: t('requests.channel.grid_worker') }, { value: 'phone', label: t('requests.channel.phone') }]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="reporterKind" label={t('newRequest.reporterKind')}>
                <Radio.Group optionType="button" data-testid="new-reporter-kind"
                  options={[{ value: 'resident', label: t('newRequest.resident'), disabled: !findResidents }, { value: 'caller', label: t('newRequest.caller') }]} />
              </Form.Item>
            </Col>
          </Row>
          {reporterKind === 'resident' ? (
            <Form.Item name="residentId" label={t('newRequest.reporter')}>
              <ResidentPicker />
            </Form.Item>
          ) : (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="callerName" label={t('newRequest.callerName')}>
                  <Input maxLength={50} data-testid="new-caller-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="callerPhone" label={t('newRequest.callerPhone')}>
                  <Input maxLength={30} inputMode="tel" data-testid="new-caller-phone" />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="description" label={t('newRequest.description')} rules={[{ required: true, whitespace: true, message: t('newRequest.descriptionRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={4000} showCount data-testid="new-description" />
          </Form.Item>
          <div style={{ marginBottom: 16 }}><PhotoPicker files={photos} onChange={setPhotos} /></div>
          <Form.Item name="categoryCode" label={t('newRequest.category')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(categories ?? []).map((c) => ({ value: c.code, label: c.name }))} data-testid="new-category" />
          </Form.Item>
          <Form.Item name="anonymous" label={t('report.report.anonymous')} extra={t('newRequest.anonymousHint')} valuePropName="checked">
            <Switch data-testid="new-anonymous" />
          </Form.Item>
        </Card>
        <Card size="small" title={t('newRequest.location')} style={{ marginBottom: 12 }}>
          <LocationPicker value={place} onChange={(v) => { setPlace(v); setPlaceMissing(false); }} />
          {placeMissing && <Alert type="error" showIcon title={t('newRequest.locationRequired')} style={{ marginTop: 12 }} />}
        </Card>
        {point && <div style={{ marginBottom: 12 }}><SimilarNotice lat={point.lat} lng={point.lng} categoryCode={categoryCode} staff /></div>}
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="new-error" />}
        <Button type="primary" size="large" icon={<FormOutlined />} loading={filing.isPending} onClick={() => void submit()} data-testid="new-submit">
          {t('newRequest.submit')}
        </Button>
      </Form>
    </div>
  );
}
