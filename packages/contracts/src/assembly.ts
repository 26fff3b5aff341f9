import { z } from 'zod';
import { ASSEMBLY_MATTER_KINDS, OWNERS_VOTE_CHOICES } from '@gongzhi/core';

/** Owners' assemblies (业主大会): request and response shapes shared by the API and the web. */

export const AssemblyMatterKind = z.enum(ASSEMBLY_MATTER_KINDS);
export const OwnersChoice = z.enum(OWNERS_VOTE_CHOICES);
export const ASSEMBLY_STATES = ['noticed', 'voting', 'closed'] as const;
export const AssemblyState = z.enum(ASSEMBLY_STATES);
/** Days of notice the law asks for before voting opens (业主大会会议召开 15 日以前通知). */
export const ASSEMBLY_NOTICE_DAYS = 15;
/** Results must be posted within this many days of the close. */
export const ASSEMBLY_RESULTS_DAYS = 3;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Instant = z.iso.datetime({ offset: true });
/** A headcount and an area in m² with exactly two decimals ("1234.50"). */
export const OwnersAndArea = z.object({ owners: z.number().int(), area: z.string() });

export const CreateAssemblyBody = z.object({
  /** The compound: a grid, a micro-grid (one building) or any region whose units vote together. */
  regionId: z.uuid(),
  title: Text(200),
  description: z.string().trim().max(5000).default(''),
  /** When the notice was posted; defaults to now. */
  noticedAt: Instant.optional(),
  opensAt: Instant,
  closesAt: Instant,
  matters: z.array(z.object({
    kind: AssemblyMatterKind,
    title: Text(200),
    description: z.string().trim().max(5000).default(''),
  })).min(1).max(20),
});
export type CreateAssemblyBody = z.infer<typeof CreateAssemblyBody>;

export const AssemblyListQuery = z.object({
  state: AssemblyState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const TallyResult = z.object({
  eligible: OwnersAndArea, participating: OwnersAndArea, for: OwnersAndArea, quorumMet: z.boolean(), passed: z.boolean(),
});

export const AssemblyMatter = z.object({
  id: z.uuid(),
  position: z.number().int(),
  kind: AssemblyMatterKind,
  majority: z.enum(['ordinary', 'special']),
  title: z.string(),
  description: z.string(),
  result: TallyResult.nullable(),
});

export const AssemblySummary = z.object({
  id: z.uuid(),
  title: z.string(),
  state: AssemblyState,
  region: z.object({ id: z.uuid(), name: z.string(), code: z.string() }),
  noticedAt: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  resultsPublishedAt: z.string().nullable(),
  matterCount: z.number().int(),
});

/** The signed-in owner's place on the roll, when they are on it. */
export const MyOwnership = z.object({
  ownerKey: z.string(),
  label: z.string(),
  area: z.string(),
  unitCount: z.number().int(),
  /** matterId → choice already cast. */
  cast: z.record(z.string(), OwnersChoice),
});

export const AssemblyDetail = AssemblySummary.extend({
  description: z.string(),
  resultsDueAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  eligible: OwnersAndArea.nullable(),
  matters: z.array(AssemblyMatter),
  /** What the actor may do here: manage (open, close, paper ballots, export), vote. */
  abilities: z.array(z.enum(['manage', 'vote'])),
  mine: MyOwnership.nullable(),
});

export const MatterProgress = z.object({
  matterId: z.uuid(),
  participating: OwnersAndArea,
  /** How the votes split: null until the vote closes, so no running tally can sway or reveal a vote. */
  for: OwnersAndArea.nullable(),
  against: OwnersAndArea.nullable(),
  abstain: OwnersAndArea.nullable(),
  quorumMet: z.boolean(),
  /** Whether the matter passes on the votes cast: null until the vote closes. */
  passingNow: z.boolean().nullable(),
  /** How many more owners and how much more area (m²) must take part for the quorum. */
  shortfall: OwnersAndArea,
});
export const AssemblyProgress = z.object({
  state: AssemblyState,
  eligible: OwnersAndArea,
  matters: z.array(MatterProgress),
  at: z.string(),
});

export const CastBallotBody = z.object({
  choices: z.array(z.object({ matterId: z.uuid(), choice: OwnersChoice })).min(1).max(20),
});
export type CastBallotBody = z.infer<typeof CastBallotBody>;
/** What a cast answers: the choices now on record (kept small: thousands of owners vote at once). */
export const CastBallotResult = z.object({ cast: z.record(z.string(), OwnersChoice) });

/** The owner picked on a paper ballot (multipart field `ownerKey`) with `choices` as JSON. */
export const PaperBallotFields = z.object({ ownerKey: Text(2000), choices: CastBallotBody.shape.choices });

/** The scrutineer's (监票人) check of a paper ballot against its scan: accept counts it, reject removes it. */
export const VerifyPaperBallotBody = z.object({ ownerKey: Text(2000), accept: z.boolean() });

export const RollQuery = z.object({
  q: z.string().trim().max(50).optional(),
  /** Only owners whose paper ballot awaits the scrutineer's check. */
  pending: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export const RollEntry = z.object({
  ownerKey: z.string(), label: z.string(), units: z.string(), area: z.string(),
  /** A ballot is on record (online, or paper whether checked or not); never how. */
  voted: z.boolean(),
  /** The paper ballot, if any: counted only once a second staff member (监票人) verified it. */
  paper: z.object({ ballotId: z.uuid(), enteredByUserId: z.uuid(), verified: z.boolean() }).nullable(),
});

/** What the public results page shows: no names, only the counts anyone can recount from the export. */
export const PublicAssemblyResults = z.object({
  id: z.uuid(),
  title: z.string(),
  regionName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  resultsPublishedAt: z.string(),
  matters: z.array(AssemblyMatter.omit({ result: true }).extend({ result: TallyResult })),
});
