import { z } from 'zod';
import { REGION_LEVELS, RESIDENT_TAGS, TENURES } from '@gongzhi/core';

export const RegionLevel = z.enum(REGION_LEVELS);
export const ResidentTag = z.enum(RESIDENT_TAGS);
export const Tenure = z.enum(TENURES);
export const UnitUse = z.enum(['residential', 'commercial']);
export const OrganisationKind = z.enum(['department', 'social_org', 'enterprise', 'resident_unit', 'property_company', 'developer']);

/** Counts of what lies below a region. */
export const RegionCounts = z.object({
  children: z.number().int(),
  buildings: z.number().int(),
  households: z.number().int(),
  residents: z.number().int(),
});

export const RegionSummary = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: RegionLevel,
  code: z.string(),
  name: z.string(),
  retired: z.boolean(),
  counts: RegionCounts,
});
export type RegionSummary = z.infer<typeof RegionSummary>;

export const RegionDetail = RegionSummary.extend({
  ancestors: z.array(z.object({ id: z.uuid(), level: RegionLevel, code: z.string(), name: z.string() })),
  boundary: z.unknown().nullable(),
  /** Residents by tag in this subtree (elderly living alone, disabled…). */
  tagCounts: z.partialRecord(ResidentTag, z.number().int()),
  abilities: z.array(z.string()),
});
export type RegionDetail = z.infer<typeof RegionDetail>;

export const RegionListQuery = z.object({
  parentId: z.uuid().optional(),
  includeRetired: z.stringbool().default(false),
});

/** A child region (parentId + segment), or a new district (a 6-digit code, platform administrators only). */
export const CreateRegionBody = z.object({
  parentId: z.uuid().optional(),
  /** Last three digits of the code (001–999); the full code is the parent's plus these. */
  segment: z.string().regex(/^\d{3}$/).optional(),
  /** Only for a district: its 6-digit administrative division code. */
  code: z.string().regex(/^\d{6}$/).optional(),
  name: z.string().trim().min(1).max(100),
  boundary: z.unknown().optional(),
});
export const UpdateRegionBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  boundary: z.unknown().nullable().optional(),
});
export const MoveRegionBody = z.object({
  parentId: z.uuid(),
  /** New last three digits, when the current ones are taken under the new parent. */
  segment: z.string().regex(/^\d{3}$/).optional(),
});
export const LocateQuery = z.object({ lat: z.coerce.number(), lng: z.coerce.number() });
export const LocateResult = z.object({
  region: z.object({ id: z.uuid(), level: RegionLevel, code: z.string(), name: z.string() }).nullable(),
  ancestors: z.array(z.object({ id: z.uuid(), level: RegionLevel, code: z.string(), name: z.string() })),
});

export const BuildingView = z.object({
  id: z.uuid(), regionId: z.uuid(), regionName: z.string(), name: z.string(), address: z.string(), floors: z.number().int().nullable(),
  units: z.number().int(), households: z.number().int(),
});
export const CreateBuildingBody = z.object({
  regionId: z.uuid(), name: z.string().trim().min(1).max(100), address: z.string().trim().min(1).max(300),
  floors: z.number().int().min(1).max(200).optional(),
});

export const OwnerView = z.object({ id: z.uuid(), kind: z.enum(['resident', 'organisation']), name: z.string(), since: z.string().nullable() });
export const UnitView = z.object({
  id: z.uuid(), buildingId: z.uuid(), number: z.string(), floor: z.number().int().nullable(),
  /** Registered exclusive floor area in 0.01 m². */
  areaCentiM2: z.number().int(), use: UnitUse, owners: z.array(OwnerView),
  households: z.array(z.object({ id: z.uuid(), address: z.string(), tenure: Tenure })),
});
export const BuildingDetail = BuildingView.extend({ units: z.array(UnitView), abilities: z.array(z.string()) });
export const CreateUnitBody = z.object({
  buildingId: z.uuid(), number: z.string().trim().min(1).max(50), floor: z.number().int().min(-5).max(200).optional(),
  /** Area in m² as a decimal string ("85.32"), stored as integer hundredths. */
  area: z.string().trim().regex(/^\d{1,7}(\.\d{1,2})?$/),
  use: UnitUse.default('residential'),
});
export const AddOwnerBody = z.object({ residentId: z.uuid().optional(), organisationId: z.uuid().optional(), since: z.iso.date().optional() })
  .refine((b) => Boolean(b.residentId) !== Boolean(b.organisationId), { message: 'give exactly one of residentId, organisationId' });

export const ResidentView = z.object({
  id: z.uuid(), householdId: z.uuid(), regionId: z.uuid(), regionName: z.string().optional(), name: z.string(),
  gender: z.enum(['male', 'female']).nullable(), birthDate: z.string().nullable(), age: z.number().int().nullable(),
  /** Always masked here; the full value needs an audited reveal. */
  idNumber: z.string().nullable(), phone: z.string().nullable(),
  relation: z.string(), tags: z.array(ResidentTag), address: z.string().optional(),
});
export type ResidentView = z.infer<typeof ResidentView>;
export const ResidentDetail = ResidentView.extend({ movedOut: z.boolean(), abilities: z.array(z.string()), ancestors: RegionDetail.shape.ancestors });
export const ResidentListQuery = z.object({
  regionId: z.uuid().optional(), householdId: z.uuid().optional(), q: z.string().trim().max(50).optional(), tag: ResidentTag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
});
export const CreateResidentBody = z.object({
  householdId: z.uuid(), name: z.string().trim().min(1).max(50), idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(), relation: z.string().trim().min(1).max(20), tags: z.array(ResidentTag).max(20).default([]),
});
export const UpdateResidentBody = z.object({
  name: z.string().trim().min(1).max(50).optional(), phone: z.string().trim().max(30).nullable().optional(),
  relation: z.string().trim().min(1).max(20).optional(), tags: z.array(ResidentTag).max(20).optional(),
  movedOut: z.boolean().optional(),
});
export const RevealBody = z.object({ field: z.enum(['idNumber', 'phone']) });
export const RevealResult = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() });

export const HouseholdView = z.object({
  id: z.uuid(), regionId: z.uuid(), regionName: z.string().optional(), unitId: z.uuid().nullable(), address: z.string(), tenure: Tenure,
  members: z.number().int(), head: z.string().nullable(),
});
export const HouseholdDetail = HouseholdView.extend({
  members: z.number().int(), residents: z.array(ResidentView), unit: UnitView.omit({ households: true }).nullable(),
  abilities: z.array(z.string()), ancestors: RegionDetail.shape.ancestors,
});
export const HouseholdListQuery = z.object({
  regionId: z.uuid().optional(), q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0),
});
export const CreateHouseholdBody = z.object({
  regionId: z.uuid(), unitId: z.uuid().optional(), address: z.string().trim().min(1).max(300), tenure: Tenure,
});

export const OrganisationView = z.object({
  id: z.uuid(), kind: OrganisationKind, name: z.string(), regionId: z.uuid(), regionName: z.string(), address: z.string().nullable(), staff: z.number().int(),
});
export const CreateOrganisationBody = z.object({
  kind: OrganisationKind, name: z.string().trim().min(1).max(100), regionId: z.uuid(), address: z.string().trim().max(300).optional(),
  creditCode: z.string().trim().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/).optional(),
});
export const PartyOrgView = z.object({
  id: z.uuid(), parentId: z.uuid().nullable(), regionId: z.uuid(), kind: z.enum(['committee', 'branch', 'group']), name: z.string(), members: z.number().int(),
});

/** One problem found in an import file, by row (1-based, as the spreadsheet shows it). */
export const ImportIssue = z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() });
export const ImportPreview = z.object({
  id: z.uuid(), filename: z.string(), regionId: z.uuid(), status: z.enum(['previewed', 'committed']),
  totalRows: z.number().int(), validRows: z.number().int(), households: z.number().int(),
  issues: z.array(ImportIssue),
  sample: z.array(z.record(z.string(), z.string())),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
export const ImportCommitResult = z.object({ households: z.number().int(), residents: z.number().int() });
