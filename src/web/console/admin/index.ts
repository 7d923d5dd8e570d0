/**
 * The console's administration pages (SPEC §8): the shell mounts each under /console/admin/<key>
 * for people holding one of its roles. Administrators edit; the others listed read.
 */
import type { JSX } from 'react';
import { AreasPage } from './areas/AreasPage.tsx';
import { CaseTypesPage } from './catalogue/CaseTypesPage.tsx';
import { DepartmentsPage } from './catalogue/DepartmentsPage.tsx';
import { RoutingPage } from './catalogue/RoutingPage.tsx';
import { CalendarPage } from './deadlines/CalendarPage.tsx';
import { DeadlinesPage } from './deadlines/DeadlinesPage.tsx';
import { ADMIN_EN, ADMIN_ZH, type AdminKey } from './i18n.ts';
import { PeoplePage } from './people/PeoplePage.tsx';

/** One administration page as the shell lists it. */
export interface AdminPageEntry {
  key: string;
  label: { zh: string; en: string };
  roles: string[];
  Page: () => JSX.Element;
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
