// Lays the topology out with dagre and draws it as SVG. Colours come from the editor theme's CSS variables
// so the diagram follows light and dark themes.
import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { Topology, TopologyEdge } from './graph';

// Approximate glyph widths for the fonts used below; dagre only needs sizes to keep boxes apart.
const charWidth = 7.2;
const smallCharWidth = 6.4;

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function problemLine(e: TopologyEdge): string | undefined {
  const n = e.problems.length;
  return n === 0 ? undefined : `⚠ ${n} problem${n === 1 ? '' : 's'}`;
}

export function renderTopologySvg(topo: Topology): string {
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  // Edge labels get a rank of their own in dagre, so a small rank gap still leaves room for them.
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 40, edgesep: 20, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of topo.nodes) {
    const width = Math.max(n.label.length * charWidth, n.sublabel.length * smallCharWidth) + 28;
    g.setNode(n.id, { width, height: 46 });
  }
  for (const e of topo.edges) {
    const lines = [e.title, e.detail, problemLine(e)].filter((l): l is string => l !== undefined);
    const width = Math.max(...lines.map((l) => l.length * smallCharWidth)) + 12;
    g.setEdge(e.from, e.to, { width, height: lines.length * 15 + 6, labelpos: 'c' }, e.id);
  }
  dagre.layout(g);
  const graph = g.graph();
  const w = Math.ceil(graph.width ?? 0);
  const h = Math.ceil(graph.height ?? 0);

  const parts: string[] = [];
  for (const e of topo.edges) {
    const label = g.edge({ v: e.from, w: e.to, name: e.id });
    const points = label.points ?? [];
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const lines = [e.title, e.detail, problemLine(e)].filter((l): l is string => l !== undefined);
    const x = label.x ?? 0;
    const top = (label.y ?? 0) - (lines.length * 15) / 2 + 11;
    const texts = lines
      .map((l, i) => `<text x="${x.toFixed(1)}" y="${(top + i * 15).toFixed(1)}" class="${i === 2 ? 'problem' : i === 0 ? 'title' : 'detail'}">${escapeXml(l)}</text>`)
      .join('');
    const tooltip = [e.title, e.detail, ...e.problems].join('\n');
    parts.push(
      `<g class="edge ${e.severity}" data-tunnel="${escapeXml(e.tunnels[0]!)}" tabindex="0" role="button">` +
        `<title>${escapeXml(tooltip)}</title><path d="${d}"/>${texts}</g>`,
    );
  }
  for (const n of topo.nodes) {
    const node = g.node(n.id);
    const x = (node.x ?? 0) - node.width / 2;
    const y = (node.y ?? 0) - node.height / 2;
    parts.push(
      `<g class="node${n.external ? ' external' : ''}"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${node.width.toFixed(1)}" height="${node.height}" rx="6"/>` +
        `<text x="${(node.x ?? 0).toFixed(1)}" y="${(y + 19).toFixed(1)}" class="title">${escapeXml(n.label)}</text>` +
        `<text x="${(node.x ?? 0).toFixed(1)}" y="${(y + 36).toFixed(1)}" class="detail">${escapeXml(n.sublabel)}</text></g>`,
    );
  }
  // Scales down to the panel width, never up: labels stay at their font size.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" style="max-width: 100%; height: auto">${parts.join('')}</svg>`;
}
