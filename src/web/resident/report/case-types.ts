/** The case-type catalogue for the category choice, kept on the phone for reporting offline. */
import { useEffect, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { localName } from '../../shared/vocabulary.ts';

const CACHE_KEY = 'zhizhi.resident.caseTypes';

export interface CategoryOption {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Traditional Mongolian name; the Chinese one is shown where none is on record. */
  nameMn: string | null;
}

/** A case type's name in the interface language. */
export function caseTypeName(type: CategoryOption, lang: string): string {
  return localName(type, lang);
}

function cached(): CategoryOption[] {
  try {
    return JSON.parse(localStorage.getItem(CACHE_KEY) ?? '[]') as CategoryOption[];
  } catch {
    return [];
  }
}

/** The active case types, from the server when it can be reached, else as last seen. */
export function useCaseTypes(): CategoryOption[] {
  const [types, setTypes] = useState<CategoryOption[]>(cached);
  useEffect(() => {
    if (!navigator.onLine) return;
    call(api.GET('/api/v1/case-types', { params: { query: {} } })).then(
      (list) => {
        const options = list
          .filter((c) => c.active)
          .map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, nameMn: c.nameMn }));
        localStorage.setItem(CACHE_KEY, JSON.stringify(options));
        setTypes(options);
      },
      () => undefined,
    );
  }, []);
  return types;
}
