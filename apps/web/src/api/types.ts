/**
 * Types of what the API sends and accepts, inferred from the shared zod contracts. Imported as types
 * only, so zod itself never reaches the browser bundle.
 */
import type { z } from 'zod';
import type * as C from '@gongzhi/contracts';
import type { paths } from './schema.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
type SuccessOf<R> = R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer A } ? JsonOf<A> : undefined;

/** The success answer of `method path`, from the OpenAPI document (e.g. `ApiAnswer<'/api/v1/funds', 'get'>`). */
export type ApiAnswer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R } ? SuccessOf<R> : never;

/** The JSON body `method path` accepts, from the OpenAPI document. */
export type ApiBody<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type SessionView = z.infer<typeof C.SessionView>;
export type GrantView = z.infer<typeof C.GrantView>;
export type RegionLevel = z.infer<typeof C.RegionLevel>;
export type RegionSummary = z.infer<typeof C.RegionSummary>;
export type RegionDetail = z.infer<typeof C.RegionDetail>;
export type Ancestor = RegionDetail['ancestors'][number];
export type CreateRegionBody = z.input<typeof C.CreateRegionBody>;
export type UpdateRegionBody = z.input<typeof C.UpdateRegionBody>;
export type MoveRegionBody = z.input<typeof C.MoveRegionBody>;
export type BuildingView = z.infer<typeof C.BuildingView>;
export type BuildingDetail = z.infer<typeof C.BuildingDetail>;
export type UnitView = z.infer<typeof C.UnitView>;
export type CreateUnitBody = z.input<typeof C.CreateUnitBody>;
export type HouseholdView = z.infer<typeof C.HouseholdView>;
export type HouseholdDetail = z.infer<typeof C.HouseholdDetail>;
export type CreateHouseholdBody = z.input<typeof C.CreateHouseholdBody>;
export type Tenure = z.infer<typeof C.Tenure>;
export type ResidentView = z.infer<typeof C.ResidentView>;
/** The API adds `movedOut` to the contract's ResidentDetail (see the route schema). */
export type ResidentDetail = z.infer<typeof C.ResidentDetail> & { movedOut?: boolean };
export type CreateResidentBody = z.input<typeof C.CreateResidentBody>;
export type UpdateResidentBody = z.input<typeof C.UpdateResidentBody>;
export type RevealResult = z.infer<typeof C.RevealResult>;
export type OrganisationView = z.infer<typeof C.OrganisationView>;
export type ImportPreview = z.infer<typeof C.ImportPreview>;
export type ImportIssue = z.infer<typeof C.ImportIssue>;
export type ImportCommitResult = z.infer<typeof C.ImportCommitResult>;
export type UserView = z.infer<typeof C.UserView>;
export type CreateUserBody = z.input<typeof C.CreateUserBody>;
export type UpdateUserBody = z.input<typeof C.UpdateUserBody>;
export type GrantBody = z.input<typeof C.GrantBody>;
export type AuditEntryView = z.infer<typeof C.AuditEntryView>;
export type RequestSummary = z.infer<typeof C.RequestSummary>;
export type RequestDetail = z.infer<typeof C.RequestDetail>;
export type TimelineEntry = z.infer<typeof C.TimelineEntry>;
export type HandlerView = z.infer<typeof C.HandlerView>;
export type Suggestion = z.infer<typeof C.Suggestion>;
export type CreateRequestBody = z.input<typeof C.CreateRequestBody>;
export type ActBody = z.input<typeof C.ActBody>;
export type CategoryView = z.infer<typeof C.CategoryView>;
export type UpdateCategoryBody = z.input<typeof C.UpdateCategoryBody>;
export type Rates = z.infer<typeof C.Rates>;
export type KpiView = z.infer<typeof C.KpiView>;
export type LocateResult = z.infer<typeof C.LocateResult>;
/** One open request near a point, as `GET /api/v1/requests/similar` lists it. */
export type SimilarRequest = ApiAnswer<'/api/v1/requests/similar', 'get'>[number];

/** A page of a list endpoint (every paged list answers `{ items, total }`). */
export interface Page<T> {
  items: T[];
  total: number;
}
