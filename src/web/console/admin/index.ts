/**
 * The console's administration pages (SPEC §8): the shell mounts each under /console/admin/<key>
 * for people holding one of its roles. Administrators edit; the others listed read.
 */
import type { ComponentType } from 'react';
import { lazyPage } from '../../shared/lazy-page.ts';
import { ADMIN_EN, ADMIN_ZH, type AdminKey } from './i18n.ts';

// Each page is its own chunk, fetched when first opened (the shell wraps it in Suspense).
const AreasPage = lazyPage(() => import('./areas/AreasPage.tsx').then((m) => m.AreasPage));
const PeoplePage = lazyPage(() => import('./people/PeoplePage.tsx').then((m) => m.PeoplePage));
const DepartmentsPage = lazyPage(() =>
  import('./catalogue/DepartmentsPage.tsx').then((m) => m.DepartmentsPage),
);
const CaseTypesPage = lazyPage(() => import('./catalogue/CaseTypesPage.tsx').then((m) => m.CaseTypesPage));
const DeadlinesPage = lazyPage(() => import('./deadlines/DeadlinesPage.tsx').then((m) => m.DeadlinesPage));
const CalendarPage = lazyPage(() => import('./deadlines/CalendarPage.tsx').then((m) => m.CalendarPage));
const RoutingPage = lazyPage(() => import('./catalogue/RoutingPage.tsx').then((m) => m.RoutingPage));

/** One administration page as the shell lists it. */
export interface AdminPageEntry {
  key: string;
  label: { zh: string; en: string };
  roles: string[];
  Page: ComponentType;
}

const label = (key: AdminKey) => ({ zh: ADMIN_ZH[key], en: ADMIN_EN[key] });

/** Those who run the grids read the configuration; only administrators change it. */
const READERS = ['admin', 'centre_operator', 'leader'];

export const ADMIN_PAGES: AdminPageEntry[] = [
  { key: 'areas', label: label('page.areas'), roles: READERS, Page: AreasPage },
  { key: 'people', label: label('page.people'), roles: ['admin', 'centre_operator'], Page: PeoplePage },
  { key: 'departments', label: label('page.departments'), roles: READERS, Page: DepartmentsPage },
  { key: 'case-types', label: label('page.caseTypes'), roles: READERS, Page: CaseTypesPage },
  { key: 'deadlines', label: label('page.deadlines'), roles: READERS, Page: DeadlinesPage },
  { key: 'calendar', label: label('page.calendar'), roles: READERS, Page: CalendarPage },
  { key: 'routing', label: label('page.routing'), roles: READERS, Page: RoutingPage },
];
