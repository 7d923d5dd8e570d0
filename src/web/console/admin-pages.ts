/**
 * The administration pages the console shows under /console/admin/<key>: built in ./admin/ and
 * listed by its index; each is shown to whoever holds one of its roles.
 */
import type { ComponentType } from 'react';
import { ADMIN_PAGES } from './admin/index.ts';

/** One administration page as the admin module lists it. */
export interface AdminPage {
  key: string;
  label: { zh: string; en: string };
  roles: string[];
  Page: ComponentType;
}

/** The pages a person with these roles may open. */
export function adminPagesFor(roles: readonly string[]): AdminPage[] {
  const pages: readonly AdminPage[] = ADMIN_PAGES;
  return pages.filter((p) => p.roles.some((r) => roles.includes(r)));
}
