import './catalog.css';
import { useId, useMemo } from 'react';
import type { BilingualText } from '@contracts/catalog';
import type { TaskView } from '@contracts/cases';
import { useLanguage, useT, type Language, type MessageKey } from '../../i18n';
import { useBi } from './bilingual';
import { useDepartmentName } from './catalog-api';

/** One node of the graph: a step of a guide, or a task of an application. */
export interface GraphStep {
  id: string;
  name: BilingualText;
  department: string;
  after: string[];
  /** The task's state, when the graph shows an application. */
  status?: TaskView['status'];
  alert?: TaskView['alert'];
}

const NODE_W = 156;
const NODE_H = 66;
const GAP_X = 44;
const GAP_Y = 14;
const PAD = 4;

/** Column of each step: 0 without prerequisites, else one after its latest prerequisite. */
function layers(steps: GraphStep[]): Map<string, number> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const layer = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    const step = byId.get(id);
    // A cycle or an unknown prerequisite is the catalog's error; draw it flat, never loop.
    if (!step || seen.has(id)) return 0;
    seen.add(id);
    const value =
      step.after.length === 0 ? 0 : 1 + Math.max(...step.after.map((a) => visit(a, seen)));
    layer.set(id, value);
    return value;
  };
  for (const s of steps) visit(s.id, new Set());
  return layer;
}

const CLOSING = /^[）)、，。；：”’]/;

/** Breaks a text into lines that fit a node (CJK by characters, Latin by words). */
function lines(text: string, language: Language, max = language === 'zh' ? 10 : 20): string[] {
  const out: string[] = [];
  if (language === 'zh') {
    const chars = [...text];
    for (let i = 0; i < chars.length; i += max) {
      const line = chars.slice(i, i + max).join('');
      // A closing bracket or comma never starts a line: it stays with the one before.
      const last = out.length - 1;
      if (last >= 0 && CLOSING.test(line)) {
        out[last] = `${out[last] ?? ''}${line[0] ?? ''}`;
        if (line.length > 1) out.push(line.slice(1));
      } else out.push(line);
    }
  } else {
    let line = '';
    for (const word of text.split(/\s+/)) {
      if (line && `${line} ${word}`.length > max) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
  }
  return out;
}

/** At most `count` lines of a text, the last one cut with an ellipsis when it goes on. */
function wrap(text: string, language: Language, count = 2): string[] {
  const all = lines(text, language);
  if (all.length <= count) return all;
  const kept = all.slice(0, count);
  const tail = kept[count - 1] ?? '';
  kept[count - 1] = `${[...tail].slice(0, -1).join('')}…`;
  return kept;
}

const STATUS_CLASS: Record<TaskView['status'], string> = {
  pending: 'pending',
  open: 'active',
  claimed: 'active',
  supplement: 'waiting',
  paused: 'waiting',
  approved: 'done',
  rejected: 'failed',
  cancelled: 'cancelled',
};

/** The message key naming a task status. */
export function taskStatusKey(status: TaskView['status']): MessageKey {
  return `taskStatus.${status}`;
}

/**
 * The steps of a guide or an application as a small left-to-right graph in plain SVG: a
 * column per stage of prerequisites, an arrow from each prerequisite. With task states the
 * nodes are coloured (done, in progress, waiting, refused) and overdue ones outlined red.
 * The drawing is decorative; the same facts are given as a list for screen readers.
 */
export function StepGraph({ steps, label }: { steps: GraphStep[]; label: string }) {
  const t = useT();
  const bi = useBi();
  const language = useLanguage();
  const departmentName = useDepartmentName();
  const titleId = useId();

  const layout = useMemo(() => {
    const layerOf = layers(steps);
    const columns: GraphStep[][] = [];
    for (const step of steps) {
      const column = layerOf.get(step.id) ?? 0;
      (columns[column] ??= []).push(step);
    }
    const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0));
    const height = rows * NODE_H + (rows - 1) * GAP_Y + PAD * 2;
    const position = new Map<string, { x: number; y: number }>();
    columns.forEach((column, c) => {
      const used = column.length * NODE_H + (column.length - 1) * GAP_Y;
      const top = (height - used) / 2;
      column.forEach((step, r) => {
        position.set(step.id, { x: PAD + c * (NODE_W + GAP_X), y: top + r * (NODE_H + GAP_Y) });
      });
    });
    const width = PAD * 2 + columns.length * NODE_W + Math.max(0, columns.length - 1) * GAP_X;
    return { position, width, height };
  }, [steps]);

  const nameOf = (id: string) => {
    const step = steps.find((s) => s.id === id);
    return step ? bi(step.name) : id;
  };

  return (
    <figure className="step-graph">
      <div className="step-graph__canvas">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ maxWidth: layout.width, minWidth: Math.min(layout.width, 300) }}
          aria-hidden
          focusable="false"
        >
          <defs>
            <marker
              id={`${titleId}-arrow`}
              viewBox="0 0 8 8"
              refX="7"
              refY="4"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0 0 L8 4 L0 8 z" className="step-graph__arrowhead" />
            </marker>
          </defs>
          {steps.flatMap((step) =>
            step.after.map((before) => {
              const from = layout.position.get(before);
              const to = layout.position.get(step.id);
              if (!from || !to) return null;
              const x1 = from.x + NODE_W;
              const y1 = from.y + NODE_H / 2;
              const x2 = to.x - 2;
              const y2 = to.y + NODE_H / 2;
              const mid = (x1 + x2) / 2;
              return (
                <path
                  key={`${before}-${step.id}`}
                  d={`M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`}
                  className="step-graph__edge"
                  markerEnd={`url(#${titleId}-arrow)`}
                />
              );
            }),
          )}
          {steps.map((step) => {
            const p = layout.position.get(step.id);
            if (!p) return null;
            const state = step.status ? STATUS_CLASS[step.status] : 'plain';
            const nameLines = wrap(bi(step.name), language);
            return (
              <g
                key={step.id}
                transform={`translate(${p.x} ${p.y})`}
                className={`step-graph__node step-graph__node--${state}${
                  step.alert && step.alert !== 'normal' ? ` step-graph__node--${step.alert}` : ''
                }`}
              >
                <rect width={NODE_W} height={NODE_H} rx={8} />
                {nameLines.map((line, i) => (
                  <text key={i} x={10} y={20 + i * 17} className="step-graph__name">
                    {line}
                  </text>
                ))}
                <text x={10} y={NODE_H - 9} className="step-graph__dept">
                  {step.status
                    ? t(taskStatusKey(step.status))
                    : wrap(departmentName(step.department), language, 1)[0]}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="visually-hidden">
        {label}
        <ol>
          {steps.map((step) => (
            <li key={step.id}>
              {t('graph.item', { name: bi(step.name), department: departmentName(step.department) })}
              {step.status ? t('graph.itemStatus', { status: t(taskStatusKey(step.status)) }) : ''}
              {step.after.length > 0
                ? t('graph.after', { steps: step.after.map(nameOf).join(t('list.separator')) })
                : ''}
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
