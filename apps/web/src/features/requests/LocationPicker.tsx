import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { AimOutlined, CheckCircleFilled, CheckOutlined, HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { gz, unwrap } from '../../api/client.ts';
import { useSession } from '../../shell/session.tsx';

/** Where a request is: a map point (with the grid it falls in), or a grid chosen from a list. */
export type PickedPlace =
  | { kind: 'point'; lat: number; lng: number; regionName: string | null }
  | { kind: 'grid'; regionId: string; name: string };

/** What {@link LocationPicker} edits: a place and/or a free-text address. */
export interface LocationValue {
  place?: PickedPlace;
  address: string;
}

/** Props of {@link LocationPicker}. */
export interface LocationPickerProps {
  value: LocationValue;
  onChange: (v: LocationValue) => void;
  /** Resident sizes: full-width large buttons. */
  big?: boolean;
}

// Staff-only (it needs region.read), and with antd's tree and select the heaviest part of this form:
// loaded only when shown, so a resident's phone never downloads it.
const RegionTreeSelect = lazy(() => import('../../components/RegionTreeSelect.tsx').then((m) => ({ default: m.RegionTreeSelect })));

type GeoState = 'idle' | 'busy' | 'outside' | 'denied';

// Residents are bound to where they live; that grant names their grid, which is the likeliest place
// of a problem they report and needs no region list (residents may not browse the tree).
const HOME_ROLES = new Set(['resident', 'owner', 'party_member']);

/**
 * Three ways to say where: the phone's location (the grid is looked up at once so the resident sees
 * where it landed), a grid (their own in one tap, or from the tree for staff), or a typed address,
 * which staff place later. An address typed beside a point or grid is kept as extra detail.
 */
export function LocationPicker({ value, onChange, big }: LocationPickerProps) {
  const { t } = useTranslation();
  const { session, can } = useSession();
  const [geo, setGeo] = useState<GeoState>('idle');
  const home = session?.grants.find((g) => HOME_ROLES.has(g.role) && g.regionId);
  const size = big ? 'large' : undefined;
  const place = value.place;

  const useHere = () => {
    if (!('geolocation' in navigator)) {
      setGeo('denied');
      return;
    }
    setGeo('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const lat = Math.round(pos.coords.latitude * 1e6) / 1e6;
        const lng = Math.round(pos.coords.longitude * 1e6) / 1e6;
        unwrap(gz.GET('/api/v1/locate', { params: { query: { lat, lng } } }))
          .then((r) => {
            if (!r.region) {
              // The API would refuse the point (LOCATION_OUTSIDE): better to say so now.
              setGeo('outside');
              onChange({ ...value, place: undefined });
              return;
            }
            setGeo('idle');
            onChange({ ...value, place: { kind: 'point', lat, lng, regionName: r.region.name } });
          })
          .catch(() => {
            // Locating is only a courtesy; the point itself is still good and the API checks it.
            setGeo('idle');
            onChange({ ...value, place: { kind: 'point', lat, lng, regionName: null } });
          });
      },
      () => setGeo('denied'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const pointChosen = place?.kind === 'point';
  const homeChosen = place?.kind === 'grid' && place.regionId === home?.regionId;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="location-picker">
      <Button
        size={size}
        block={big}
        type={pointChosen ? 'primary' : 'default'}
        icon={pointChosen ? <CheckOutlined /> : <AimOutlined />}
        loading={geo === 'busy'}
        onClick={useHere}
        data-testid="location-here"
      >
        {geo === 'busy' ? t('report.report.locating') : t('report.report.useLocation')}
      </Button>
      {pointChosen && (
        // Plain text rather than a success Alert: elder mode's dark success colour makes that box murky.
        <Typography.Text type="success" strong data-testid="location-result">
          <CheckCircleFilled /> {place.regionName ? t('report.report.located', { name: place.regionName }) : t('report.report.locatedPoint')}
        </Typography.Text>
      )}
      {geo === 'outside' && <Alert type="warning" showIcon title={t('report.report.outside')} />}
      {geo === 'denied' && <Alert type="warning" showIcon title={t('report.report.denied')} />}
      {home?.regionId && home.regionName && (
        <Button
          size={size}
          block={big}
          type={homeChosen ? 'primary' : 'default'}
          icon={homeChosen ? <CheckOutlined /> : <HomeOutlined />}
          onClick={() => onChange({ ...value, place: { kind: 'grid', regionId: home.regionId!, name: home.regionName! } })}
          data-testid="location-home"
        >
          {t('report.report.myGrid', { name: home.regionName })}
        </Button>
      )}
      {can('region.read') && (
        <Suspense fallback={null}>
          <RegionTreeSelect
            value={place?.kind === 'grid' ? place.regionId : undefined}
            onChange={(id, region) => onChange({ ...value, place: id && region ? { kind: 'grid', regionId: id, name: region.name } : undefined })}
            selectable={(r) => r.level === 'grid' || r.level === 'microgrid'}
            placeholder={t('report.report.chooseGrid')}
            style={{ width: '100%' }}
            testId="location-grid"
          />
        </Suspense>
      )}
      <label htmlFor="gz-location-address" style={{ display: 'block', marginBottom: -6 }}>{t('report.report.address')}</label>
      <Input
        id="gz-location-address"
        size={size}
        value={value.address}
        onChange={(e) => onChange({ ...value, address: e.target.value })}
        placeholder={t('report.report.addressPlaceholder')}
        maxLength={300}
        allowClear
        data-testid="location-address"
      />
    </Space>
  );
}

/** The place fields of a CreateRequestBody. */
export function placeBody(v: LocationValue): { lat?: number; lng?: number; regionId?: string; address?: string } {
  const address = v.address.trim() || undefined;
  if (v.place?.kind === 'point') return { lat: v.place.lat, lng: v.place.lng, address };
  if (v.place?.kind === 'grid') return { regionId: v.place.regionId, address };
  return { address };
}

/** True when the API has something to place the request by. */
export function hasLocation(v: LocationValue): boolean {
  return Boolean(v.place) || v.address.trim() !== '';
}
