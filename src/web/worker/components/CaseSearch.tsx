/**
 * Finding another case by its number or words (the merge form, issue 7 #14): the server's search
 * with signal, the cases synced on the phone without. The chosen case's id is the field's value.
 */
import { Input, Radio, Space } from 'antd-mobile';
import { useEffect, useId, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { cacheKey, readCache } from '../cache.ts';
import { useT } from '../i18n/index.ts';
import { useOnline } from '../sync.ts';
import type { CaseSummary } from '../types.ts';

const SHOWN = 10;

/** Synced cases (my tasks, my grid's cases) whose number or title contains `q`. */
async function searchSynced(q: string): Promise<CaseSummary[]> {
  const lists = await Promise.all(
    [cacheKey.tasks, cacheKey.gridCases].map((k) => readCache<CaseSummary[]>(k)),
  );
  const byId = new Map(lists.flatMap((l) => l?.value ?? []).map((c) => [c.id, c]));
  return [...byId.values()].filter((c) => c.caseNo.includes(q) || c.title.includes(q));
}

export function CaseSearch(props: {
  label: string;
  excludeId: string;
  value: string | undefined;
  onChange(caseId: string): void;
}) {
  const { t } = useT();
  const id = useId();
  const online = useOnline();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CaseSummary[]>([]);

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setFound([]);
      return;
    }
    let current = true;
    const search = online
      ? call(api.GET('/api/v1/cases', { params: { query: { q: text, limit: SHOWN, offset: 0 } } })).then(
          (page) => page.items as CaseSummary[],
          () => searchSynced(text),
        )
      : searchSynced(text);
    void search.then((list) => current && setFound(list.filter((c) => c.id !== props.excludeId)));
    return () => {
      current = false;
    };
  }, [q, online, props.excludeId]);

  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      <Input id={id} value={q} onChange={setQ} placeholder={t('caseSearch.placeholder')} />
      {q.trim() && found.length === 0 && <p className="hint">{t('caseSearch.none')}</p>}
      <Radio.Group value={props.value ?? ''} onChange={(v) => props.onChange(String(v))}>
        <Space direction="vertical">
          {found.slice(0, SHOWN).map((c) => (
            <Radio key={c.id} value={c.id} data-case-no={c.caseNo}>
              {c.caseNo} {c.title}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </div>
  );
}
