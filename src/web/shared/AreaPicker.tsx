/**
 * The one area picker of the console (区域选择): a TreeSelect over the area tree that starts at the
 * viewer's tops, loads each level when opened, and loads the branch down to a value given before
 * (a saved rule, a shared link) so it shows by name. Used by the case filter and the admin pages.
 */
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { type Area, loadArea, loadChildren, loadRootAreas } from './resources/areas.ts';

interface Props {
  /** The viewer's tops of the tree (undefined: the whole tree). */
  roots: string[] | undefined;
  value?: string | null;
  onChange?(value: string | null): void;
  /** Given by Form.Item so its label points here. */
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  /** The text of an area in the tree (its name, with its code on the admin pages). */
  label(area: Area): string;
  /** Open the first top and show its children at once (the admin pages). */
  openFirst?: boolean;
  /** Filter the loaded areas by typing. */
  searchable?: boolean;
}

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

/** A lazily loaded TreeSelect over the area tree. */
export function AreaPicker(props: Props) {
  const [nodes, setNodes] = useState<Node[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const toNode = (a: Area): Node => ({
    id: a.id,
    pId: a.parentId,
    value: a.id,
    title: props.label(a),
    isLeaf: a.kind === 'micro_grid' || a.kind === 'enterprise_grid',
  });
  const add = (list: Area[]) =>
    setNodes((prev) => {
      const known = new Set(prev.map((n) => n.id));
      return [...prev, ...list.filter((a) => !known.has(a.id)).map(toNode)];
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: load the tops once per viewer
  useEffect(() => {
    let current = true;
    loadRootAreas(props.roots).then(async (tops) => {
      if (!current) return;
      add(tops.map((a) => ({ ...a, parentId: null })));
      const first = tops[0];
      if (!first || !props.openFirst) return;
      const kids = await loadChildren(first.id);
      if (!current) return;
      add(kids);
      setExpanded([first.id]);
    });
    return () => {
      current = false;
    };
  }, [props.roots?.join(',')]);

  // A value chosen before (e.g. a saved routing rule) is shown by name: the branches down to it are loaded.
  const wanted = props.value ?? undefined;
  const known = wanted === undefined || nodes.some((n) => n.id === wanted);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load the branch once per missing value
  useEffect(() => {
    if (known || wanted === undefined || nodes.length === 0) return;
    let current = true;
    loadArea(wanted).then(async (area) => {
      const chain = [...area.ancestors, area];
      const from = props.roots ? chain.findIndex((a) => props.roots?.includes(a.id)) : 0;
      if (from < 0) {
        if (current) add([{ ...area, parentId: null }]);
        return;
      }
      const branches = await Promise.all(chain.slice(from, -1).map((a) => loadChildren(a.id)));
      if (current) add(branches.flat());
    });
    return () => {
      current = false;
    };
  }, [wanted, known, nodes.length > 0]);

  return (
    <TreeSelect
      id={props.id}
      aria-label={props['aria-label']}
      style={props.style ?? { width: '100%' }}
      treeDataSimpleMode
      treeData={nodes}
      showSearch={props.searchable ? { treeNodeFilterProp: 'title' } : false}
      allowClear={props.allowClear}
      placeholder={props.placeholder}
      value={props.value ?? undefined}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      loadData={async (node) => {
        const id = String(node.value);
        if (nodes.some((n) => n.pId === id)) return;
        add(await loadChildren(id));
      }}
    />
  );
}
