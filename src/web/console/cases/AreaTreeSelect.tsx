/**
 * The area filter: a tree select that starts at the areas the person's roles cover (the whole
 * banner for banner-wide roles) and loads children as branches open.
 */
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../shared/api.ts';
import type { components } from '../../shared/api-types.ts';
import { useSignedIn } from '../shell/session.tsx';
import { useConsoleI18n } from '../shell/use-console-i18n.ts';

type Area = components['schemas']['Area'];

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const LEAF_KINDS = new Set(['micro_grid']);

/** The person's top areas: their assignments' areas without those inside another one. */
function topAreas(areas: Area[]): Area[] {
  return areas.filter((a) => !areas.some((b) => b.id !== a.id && a.path.startsWith(b.path)));
}

export function AreaTreeSelect(props: {
  id?: string;
  value?: string;
  onChange(areaId: string | undefined): void;
}) {
  const { areas } = useSignedIn();
  const { t, nameOf } = useConsoleI18n();
  const [nodes, setNodes] = useState<Area[]>([]);

  useEffect(() => {
    const own = topAreas([...areas.values()]);
    const roots = own.length > 0 ? Promise.resolve(own) : call(api.GET('/api/v1/areas'));
    roots.then(setNodes, () => setNodes([]));
  }, [areas]);

  // A shared link may name an area not loaded yet: fetch it so its name shows.
  useEffect(() => {
    const id = props.value;
    if (!id || nodes.some((n) => n.id === id)) return;
    call(api.GET('/api/v1/areas/{id}', { params: { path: { id } } })).then(
      (area) => setNodes((ns) => (ns.some((n) => n.id === area.id) ? ns : [...ns, area])),
      () => undefined,
    );
  }, [props.value, nodes]);

  async function loadChildren(id: string) {
    const children = await call(api.GET('/api/v1/areas/{id}/children', { params: { path: { id } } }));
    setNodes((ns) => [...ns, ...children.filter((c) => !ns.some((n) => n.id === c.id))]);
  }

  const treeData: Node[] = nodes.map((a) => ({
    id: a.id,
    pId: nodes.some((n) => n.id === a.parentId) ? a.parentId : null,
    value: a.id,
    title: nameOf(a),
    isLeaf: LEAF_KINDS.has(a.kind),
  }));

  return (
    <TreeSelect
      id={props.id}
      aria-label={t('filter.area')}
      style={{ width: 240 }}
      allowClear
      showSearch={false}
      placeholder={t('filter.any')}
      treeDataSimpleMode
      treeData={treeData}
      value={props.value}
      loadData={(node) => loadChildren(String(node.value))}
      onChange={(v: string | undefined) => props.onChange(v || undefined)}
    />
  );
}
