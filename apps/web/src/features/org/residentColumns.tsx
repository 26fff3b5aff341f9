import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import type { ResidentView } from '../../api/types.ts';
import type { Column } from '../../components/ResponsiveTable.tsx';
import { ResidentTags } from '../../components/ResidentTags.tsx';

/**
 * Resident table columns shared by the household page and the residents search. ID numbers and phones
 * arrive masked from the API; revealing them is a separate, audited action on the resident's page.
 */
export function residentColumns(t: TFunction, relationLabel: (s: string) => string, opts: { withRegion?: boolean } = {}): Column<ResidentView>[] {
  const cols: Column<ResidentView>[] = [
    { key: 'name', title: t('people.resident.name'), render: (r) => <Link to={`/org/residents/${r.id}`} data-testid="resident-name">{r.name}</Link> },
    { key: 'relation', title: t('people.resident.relation'), render: (r) => relationLabel(r.relation) },
    { key: 'gender', title: t('people.resident.gender'), render: (r) => (r.gender ? t(`common.gender.${r.gender}`) : '—') },
    { key: 'age', title: t('people.resident.age'), render: (r) => r.age ?? '—' },
    {
      key: 'idNumber',
      title: t('people.resident.idNumber'),
      render: (r) => <span className="gz-mono" data-testid="resident-id-number">{r.idNumber ?? '—'}</span>,
    },
    { key: 'phone', title: t('people.resident.phone'), render: (r) => <span className="gz-mono" data-testid="resident-phone">{r.phone ?? '—'}</span> },
    { key: 'tags', title: t('people.resident.tags'), render: (r) => <ResidentTags tags={r.tags} /> },
  ];
  if (opts.withRegion) {
    cols.splice(1, 1, { key: 'region', title: t('people.resident.region'), render: (r) => r.regionName ?? '—' });
    cols.push({ key: 'address', title: t('people.resident.address'), render: (r) => <Link to={`/org/households/${r.householdId}`}>{r.address ?? '—'}</Link> });
  }
  return cols;
}
