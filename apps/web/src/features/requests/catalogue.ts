import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CategoryView } from '../../api/types.ts';
import { useSession } from '../../shell/session.tsx';
import { organisationsQuery } from '../org/org.queries.ts';
import { categoriesQuery } from './requests.queries.ts';

/** A department that may receive a request. */
export interface DepartmentOption {
  id: string;
  name: string;
}

/** The service catalogue of the user's district (active categories, names in the UI language). */
export function useCategories(all = false) {
  return useQuery(categoriesQuery(all));
}

/**
 * The departments a request can be dispatched or transferred to. `GET /organisations` lists only
 * organisations inside the user's own area, so a community worker (whose area is the community)
 * sees none of the district's departments there; the catalogue names the departments that actually
 * handle requests, so both lists are merged.
 */
export function useDepartments(categories: readonly CategoryView[] | undefined): DepartmentOption[] {
  const { can } = useSession();
  const { data: orgs } = useQuery({ ...organisationsQuery('department'), enabled: can('org.read') });
  return useMemo(() => {
    const byId = new Map<string, DepartmentOption>();
    for (const o of orgs ?? []) byId.set(o.id, { id: o.id, name: o.name });
    for (const c of categories ?? []) if (c.department) byId.set(c.department.id, c.department);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [orgs, categories]);
}
