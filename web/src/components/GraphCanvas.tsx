// The graph drawing (Cytoscape.js). Imported lazily by the graph page, so the
// library is not part of the initial bundle.
import { useEffect, useRef } from 'react';
import cytoscape from 'cytoscape';

export interface CanvasNode {
  id: string;
  label: string;
  kind: 'BODY' | 'SYSTEM' | string;
  start: boolean;
  hasMore: boolean;
}

export interface CanvasEdge {
  id: string;
  from: string;
  to: string;
  label: string;
  planned: boolean;
}

export default function GraphCanvas({
  nodes,
  edges,
  onPick,
  label,
}: {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  onPick: (id: string) => void;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!box.current) return;
    const ids = new Set(nodes.map((n) => n.id));
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...nodes.map((n) => ({ data: { id: n.id, label: n.label }, classes: [n.kind.toLowerCase(), n.start ? 'start' : '', n.hasMore ? 'more' : ''].join(' ') })),
        ...edges.filter((e) => ids.has(e.from) && ids.has(e.to)).map((e) => ({ data: { id: 'e' + e.id, source: e.from, target: e.to, label: e.label }, classes: e.planned ? 'planned' : '' })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'text-wrap': 'wrap',
            'text-max-width': '140px',
            'font-size': '11px',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            color: '#1a1a1a',
            'background-color': '#2f6db3',
            width: 22,
            height: 22,
          },
        },
        { selector: 'node.body', style: { shape: 'round-rectangle', 'background-color': '#7a4fa3' } },
        { selector: 'node.start', style: { 'border-width': 4, 'border-color': '#d18b00', width: 30, height: 30 } },
        { selector: 'node.more', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': '#b23b3b' } },
        {
          selector: 'edge',
          style: {
            width: 1.5,
            'line-color': '#7d8a99',
            'target-arrow-color': '#7d8a99',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            'font-size': '9px',
            label: 'data(label)',
            'text-rotation': 'autorotate',
            color: '#3c4653',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.8,
          },
        },
        { selector: 'edge.planned', style: { 'line-style': 'dashed' } },
      ],
      layout: { name: nodes.length > 40 ? 'cose' : 'breadthfirst', directed: true, padding: 20, animate: false } as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (e) => pick.current(e.target.id()));
    return () => cy.destroy();
  }, [nodes, edges]);
  return <div ref={box} className="graph-canvas" role="img" aria-label={label} />;
}
