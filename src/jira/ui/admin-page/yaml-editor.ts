/**
 * The "YAML" tab's code editor (loaded on demand): CodeMirror 6 with line numbers, YAML highlighting,
 * completion and hover from the settings' JSON Schema, and every problem the server found marked
 * at its line (in the gutter and under the text), in the page's language.
 */
import { basicSetup } from 'codemirror';
import { EditorView } from '@codemirror/view';
import { Compartment, EditorState } from '@codemirror/state';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { hoverTooltip } from '@codemirror/view';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import type { JSONSchema7 } from 'json-schema';
import { formatIssuePath } from '../../../core/errors/validation-issue';
import type { SettingsProblem } from './fields';
import { localizeProblem, type PageLanguage } from './problem-words';
import { lineOfPath } from './settings-document';

export interface YamlEditorOptions {
  readonly text: string;
  readonly label: string;
  readonly schema: Record<string, unknown> | null;
  readonly language: PageLanguage;
  readonly onChange: (text: string) => void;
}

/** What the page can do with a mounted editor. */
export interface YamlEditorHandle {
  /** Shows a text changed elsewhere (the structured editor), keeping the cursor when it can. */
  setText(text: string): void;
  setProblems(problems: readonly SettingsProblem[]): void;
  /** Selects the text a problem's path belongs to and scrolls it into view. */
  reveal(path: ReadonlyArray<string | number>): void;
  destroy(): void;
}

/** The problems as CodeMirror diagnostics, each at the line of its path. */
function diagnosticsOf(text: string, problems: readonly SettingsProblem[], language: PageLanguage): Diagnostic[] {
  return problems.map((problem) => {
    const { from, to } = lineOfPath(text, problem.path);
    const end = Math.min(to, text.length);
    return {
      from: Math.min(from, end),
      to: end,
      severity: 'error',
      source: formatIssuePath(problem.path),
      message: localizeProblem(problem, language),
    };
  });
}

/**
 * Mounts an editor into `parent`.
 *
 * @example
 * const editor = mountYamlEditor(element, { text, label: 'Catalog (YAML)', schema, language: 'en', onChange });
 * editor.setProblems([{ code: 'too_small', path: ['tariffs', 'basic', 'targets', 'reaction'], message: 'expected minutes > 0' }]);
 */
export function mountYamlEditor(parent: HTMLElement, options: YamlEditorOptions): YamlEditorHandle {
  let problems: readonly SettingsProblem[] = [];
  let quiet = false;
  const lint = linter((view) => diagnosticsOf(view.state.doc.toString(), problems, options.language), { delay: 0 });
  const schema = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        lint,
        yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
        hoverTooltip(yamlSchemaHover()),
        schema.of(stateExtensions((options.schema ?? undefined) as JSONSchema7 | undefined)),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !quiet) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setText(text) {
      const current = view.state.doc.toString();
      if (text === current) return;
      quiet = true;
      view.dispatch({ changes: { from: 0, to: current.length, insert: text } });
      quiet = false;
    },
    setProblems(next) {
      problems = next;
      forceLinting(view);
    },
    reveal(path) {
      const text = view.state.doc.toString();
      const { from, to } = lineOfPath(text, path);
      const end = Math.min(to, text.length);
      view.dispatch({
        selection: { anchor: Math.min(from, end), head: end },
        effects: EditorView.scrollIntoView(Math.min(from, end), { y: 'center' }),
      });
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
