import type React from 'react';
import ForgeReconciler from '@forge/react';
import { z } from 'zod';
import { bridgeCalls } from './bridge-stand-in';

/** A node of the tree the Forge reconciler sends to Jira (its "forge doc"). */
interface ForgeDocNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDocNode[];
}

const forgeDocNode: z.ZodType<ForgeDocNode> = z.lazy(() =>
  z.object({ type: z.string(), props: z.record(z.string(), z.unknown()), children: z.array(forgeDocNode) }),
);
const reconcilePayload = z.object({ forgeDoc: forgeDocNode });

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A prop as markup: strings and numbers as values, `true` bare; functions (handlers) by name only. */
function propText(name: string, value: unknown): string | null {
  if (value === undefined || value === null || value === false) return null;
  if (value === true) return name;
  if (typeof value === 'function') return `${name}={fn}`;
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  return `${name}="${escapeText(text).replace(/"/g, '&quot;')}"`;
}

function markupOf(node: ForgeDocNode): string {
  if (node.type === 'String') return escapeText(String(node.props.text ?? ''));
  const props = Object.entries(node.props)
    .map(([name, value]) => propText(name, value))
    .filter((text): text is string => text !== null);
  const open = [node.type, ...props].join(' ');
  return `<${open}>${node.children.map(markupOf).join('')}</${node.type}>`;
}

/**
 * Renders a UI Kit tree with Forge's own reconciler (as the app runs in Jira) and gives the tree it
 * would send to Jira as markup, `<Lozenge appearance="removed" isBold>Breached</Lozenge>`: UI Kit
 * components are not DOM elements, so react-dom is the wrong renderer for them.
 */
export function renderForgeMarkup(element: React.ReactElement): string {
  const before = bridgeCalls.length;
  ForgeReconciler.render(element);
  const reconciled = bridgeCalls.slice(before).filter((call) => call.name === 'reconcile');
  const last = reconciled[reconciled.length - 1];
  if (!last) throw new Error('the Forge reconciler sent no tree to the bridge');
  return reconcilePayload.parse(last.payload).forgeDoc.children.map(markupOf).join('');
}

/**
 * Fails the tests of the enclosing describe on any console error or warning (React reports unknown
 * props, wrong casing, missing keys and the like there), naming what was printed.
 */
export function failOnConsoleWarnings(): void {
  let errorSpy: jest.SpyInstance;
  let warnSpy: jest.SpyInstance;
  beforeEach(() => {
    errorSpy = jest.spyOn(console, 'error');
    warnSpy = jest.spyOn(console, 'warn');
  });
  afterEach(() => {
    const printed = [...errorSpy.mock.calls, ...warnSpy.mock.calls].map((args) => args.map(String).join(' '));
    errorSpy.mockRestore();
    warnSpy.mockRestore();
    expect(printed).toEqual([]);
  });
}
