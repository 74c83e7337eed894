import type { Viz } from '@viz-js/viz' with { 'resolution-mode': 'import' };
import type { RecordType } from '../../../machines/contract';
import { currentDefinition, graphOf, type MachineGraph } from '../../workflow/machine-graph';
import type { Locale } from '../i18n';

/**
 * A record type's state diagram, drawn from its XState definition (the graph `machine-graph.ts` reads
 * from `machine.root`): DOT, laid out and drawn by Graphviz compiled to WebAssembly (@viz-js/viz, no
 * download, no browser), as inline SVG. The current state is filled blue with its outgoing steps in blue.
 * Labels use Arial, whose metrics Graphviz knows (with other fonts it falls back to Times and labels
 * overflow); Vietnamese text renders in the page's Arial-compatible face. One SVG per machine version,
 * state and language, kept in memory: the machines change only with a release.
 */
const BLUE = '#1d70b8';
const BLACK = '#0b0c0c';
const GREY = '#505a5f';

const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function stateDiagramDot(graph: MachineGraph, current: string | null, locale: Locale): string {
  const lines = [
    `digraph ${q(graph.machineId)} {`,
    '  graph [rankdir=TB, fontname="Arial", bgcolor="transparent", nodesep=0.35, ranksep=0.45, pad=0.1];',
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color=${q(BLACK)}, fontcolor=${q(BLACK)}, fontname="Arial", fontsize=13, margin="0.18,0.08"];`,
    `  edge [fontname="Arial", fontsize=11, color=${q(GREY)}, fontcolor=${q(BLACK)}, arrowsize=0.8];`,
    '  __start [shape=circle, style=filled, fillcolor="#0b0c0c", width=0.18, label="", id="state-start"];',
  ];
  for (const s of graph.states) {
    const attrs = [`label=${q(s.label[locale])}`, `id=${q(`state-${s.id}`)}`];
    if (s.final) attrs.push('peripheries=2');
    if (s.id === current)
      attrs.push(`fillcolor=${q(BLUE)}`, 'fontcolor="#ffffff"', `color=${q(BLUE)}`, 'penwidth=2.5');
    lines.push(`  ${q(s.id)} [${attrs.join(', ')}];`);
    if (s.initial) lines.push(`  __start -> ${q(s.id)};`);
  }
  for (const t of graph.transitions) {
    if (t.to === t.from) continue; // reminders, objections: listed in the text equivalent, not drawn
    const system = t.senders.every((x) => x === 'system');
    const attrs = [`label=${q(` ${t.label[locale]} `)}`, `id=${q(`edge-${t.from}-${t.event}-${t.to}`)}`];
    if (system) attrs.push('style=dashed');
    if (t.from === current) attrs.push(`color=${q(BLUE)}`, `fontcolor=${q(BLUE)}`, 'penwidth=2.2');
    lines.push(`  ${q(t.from)} -> ${q(t.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

let viz: Promise<Viz> | undefined;
const cache = new Map<string, string>();

/** The SVG (`svg_inline`: no XML prolog), trusted: made here from our machines, never from user input. */
export async function stateDiagramSvg(
  type: RecordType,
  current: string | null,
  locale: Locale,
): Promise<string> {
  const def = currentDefinition(type);
  const key = `${def.id}@${def.version}/${current ?? ''}/${locale}`;
  const known = cache.get(key);
  if (known) return known;
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  const svg = (await viz).renderString(stateDiagramDot(graphOf(def), current, locale), {
    format: 'svg_inline',
  });
  // The SVG is described by the page's caption and text equivalent; Graphviz's <title>s are only ids.
  const out = svg
    .slice(svg.indexOf('<svg'))
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    // Graphviz titles every node with its id (an English tooltip): the caption and the table describe it.
    .replace(/<title>[^<]*<\/title>\n?/g, '')
    .replace(/<svg /, '<svg role="img" aria-labelledby="diagram-caption" focusable="false" ');
  cache.set(key, out);
  return out;
}
