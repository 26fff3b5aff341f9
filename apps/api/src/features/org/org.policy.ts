import type { Actor } from '../../platform/authz/actor.ts';
import { abilities, can } from '../../platform/authz/authorize.ts';

/**
 * Who may do what to the places, people and organisations of the register, given the loaded object
 * (its region path): pure, no I/O. Which rows one sees at all is the repositories' scope.
 */

/** The abilities a region's page offers. */
const REGION_ABILITIES = ['region.manage', 'people.read', 'people.write', 'pii.reveal', 'import.run', 'export.run', 'org.manage'] as const;
/** The abilities a resident's, household's or building's page offers. */
const PEOPLE_ABILITIES = ['people.write', 'pii.reveal'] as const;

/** Regions are created, renamed, moved and retired by those who manage the subtree. */
export const mayManageRegion = (actor: Actor, path: string): boolean => can(actor, 'region.manage', { regionPath: path });

/** A district (no parent) only by an unbounded grant: only it covers the empty path. */
export const mayCreateDistrict = (actor: Actor): boolean => mayManageRegion(actor, '');

/** The register (buildings, units, households, residents) is kept by the frontline of its place. */
export const mayWritePeople = (actor: Actor, path: string): boolean => can(actor, 'people.write', { regionPath: path });

/** A resident's sealed ID number and phone are revealed (audited) to those who call and visit them. */
export const mayReveal = (actor: Actor, path: string): boolean => can(actor, 'pii.reveal', { regionPath: path });

/** A register is imported into a region by its community staff. */
export const mayImport = (actor: Actor, path: string): boolean => can(actor, 'import.run', { regionPath: path });

/** A region's residents are exported (masked) by those allowed to export there. */
export const mayExport = (actor: Actor, path: string): boolean => can(actor, 'export.run', { regionPath: path });

/** Organisations are registered in a region by those who manage organisations there. */
export const mayManageOrganisations = (actor: Actor, path: string): boolean => can(actor, 'org.manage', { regionPath: path });

/** What the actor may do on a region's page. */
export const regionAbilities = (actor: Actor, path: string) => abilities(actor, REGION_ABILITIES, { regionPath: path });

/** What the actor may do on a resident's, household's or building's page. */
export const peopleAbilities = (actor: Actor, path: string) => abilities(actor, PEOPLE_ABILITIES, { regionPath: path });
