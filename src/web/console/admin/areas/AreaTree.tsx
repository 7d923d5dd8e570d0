/** The area tree (banner → town → village → grid → micro-grid), each level loaded when opened. */
import { Alert, Spin, Tree, type TreeDataNode } from 'antd';
import { type Key, useEffect, useRef, useState } from 'react';
import { type Area, loadChildren, loadRootAreas } from '../../../shared/resources/areas.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';

interface Props {
  /** The viewer's tops of the tree (undefined: the whole tree). */
  roots: string[] | undefined;
  selectedId: string | undefined;
  onSelect(area: Area): void;
  /** Bumped after an edit, so the tree reloads what it shows. */
  version: number;
}

/** Kinds that never have children, so the tree shows no expander for them. */
const LEAF_KINDS = new Set(['micro_grid', 'enterprise_grid']);

/** Browses the area tree; selecting a node selects that area for the rest of the page. */
export function AreaTree(props: Props) {
  const { t, nameOf } = useAdminI18n();
  const { roots, onSelect, version } = props;
  const [areas, setAreas] = useState<Map<string, Area>>(new Map());
  const [childrenOf, setChildrenOf] = useState<Map<string, string[]>>(new Map());
  const [top, setTop] = useState<string[] | undefined>();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  const remember = (list: Area[]) =>
    setAreas((prev) => {
      const next = new Map(prev);
      for (const a of list) next.set(a.id, a);
      return next;
    });

  // The tops of the tree, the first one selected and opened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: load again only when the viewer's tops change
  useEffect(() => {
    let current = true;
    loadRootAreas(roots).then(
      async (list) => {
        if (!current) return;
        remember(list);
        setTop(list.map((a) => a.id));
        const first = list[0];
        if (!first) return;
        onSelect(first);
        const kids = await loadChildren(first.id);
        if (!current) return;
        remember(kids);
        setChildrenOf(new Map([[first.id, kids.map((k) => k.id)]]));
        setExpanded([first.id]);
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [roots?.join(',')]);

  // After an edit, the open branches are loaded again (a new or renamed area shows at once).
  const expandedNow = useRef(expanded);
  expandedNow.current = expanded;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an edit (a new version) reloads
  useEffect(() => {
    if (version === 0) return;
    let current = true;
    const open = expandedNow.current;
    Promise.all(open.map((id) => loadChildren(id))).then((lists) => {
      if (!current) return;
      remember(lists.flat());
      setChildrenOf((prev) => {
        const next = new Map(prev);
        for (const [i, id] of open.entries()) {
          next.set(
            id,
            (lists[i] ?? []).map((k) => k.id),
          );
        }
        return next;
      });
    });
    return () => {
      current = false;
    };
  }, [version]);

  const expand = async (node: { key: Key }) => {
    const id = String(node.key);
    if (childrenOf.has(id)) return;
    const kids = await loadChildren(id);
    remember(kids);
    setChildrenOf((prev) =>
      new Map(prev).set(
        id,
        kids.map((k) => k.id),
      ),
    );
  };

  const build = (id: string): TreeDataNode => {
    const area = areas.get(id) as Area;
    const kids = childrenOf.get(id);
    return {
      key: id,
      title: (
        <span>
          {nameOf(area)} <span className="admin-code">{area.code}</span>
        </span>
      ),
      isLeaf: LEAF_KINDS.has(area.kind) || (kids !== undefined && kids.length === 0),
      ...(kids ? { children: kids.map(build) } : {}),
    };
  };

  if (error) return <Alert type="error" title={t('common.loadFailed', { message: error })} />;
  if (!top) return <Spin />;
  return (
    <Tree
      aria-label={t('areas.tree')}
      treeData={top.map(build)}
      loadData={expand}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      selectedKeys={props.selectedId ? [props.selectedId] : []}
      onSelect={(_, info) => {
        const area = areas.get(String(info.node.key));
        if (area) onSelect(area);
      }}
    />
  );
}
