/**
 * The two CodeMirror 6 editors: the model (Stan highlighting, the checker's
 * diagnostics inline, debounced as you type) and the data (JSON). Run-time
 * diagnostics (data that does not match the model, found by compile) are
 * pushed into the same lint layer with `showDiagnostics`.
 */
import { basicSetup } from 'codemirror';
import { json } from '@codemirror/lang-json';
import { linter, lintGutter, setDiagnostics, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Diagnostic } from '../../src/browser.js';
import { checkData, checkModel, DATA_FILE, MODEL_FILE, toEditorDiagnostics } from './lint.js';
import { stanLanguage } from './stan-language.js';

export interface Editors {
  model: EditorView;
  data: EditorView;
  setTexts(model: string, data: string): void;
  /** Show diagnostics of a run (compile or data errors) in the editor of their file. */
  showDiagnostics(diagnostics: readonly Diagnostic[]): void;
}

/** Debounce of the as-you-type check (ms). */
const LINT_DELAY = 250;

export function createEditors(
  modelParent: HTMLElement,
  dataParent: HTMLElement,
  onModelChecked: (diagnostics: Diagnostic[]) => void,
): Editors {
  const modelLinter = linter(
    (view) => {
      const text = view.state.doc.toString();
      const found = checkModel(text);
      onModelChecked(found);
      return toEditorDiagnostics(found, MODEL_FILE, text);
    },
    { delay: LINT_DELAY },
  );
  const dataLinter = linter(
    (view) => {
      const text = view.state.doc.toString();
      return toEditorDiagnostics(checkData(text), DATA_FILE, text);
    },
    { delay: LINT_DELAY },
  );
  const model = new EditorView({
    parent: modelParent,
    state: EditorState.create({ doc: '', extensions: [basicSetup, stanLanguage, lintGutter(), modelLinter] }),
  });
  const data = new EditorView({
    parent: dataParent,
    state: EditorState.create({
      doc: '',
      extensions: [basicSetup, json(), lintGutter(), dataLinter, EditorView.lineWrapping],
    }),
  });
  const replace = (view: EditorView, text: string): void =>
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  return {
    model,
    data,
    setTexts(modelText, dataText) {
      replace(model, modelText);
      replace(data, dataText);
    },
    showDiagnostics(diagnostics) {
      const push = (view: EditorView, file: string): void => {
        const found: EditorDiagnostic[] = toEditorDiagnostics(diagnostics, file, view.state.doc.toString());
        if (found.length > 0) view.dispatch(setDiagnostics(view.state, found));
      };
      push(model, MODEL_FILE);
      push(data, DATA_FILE);
    },
  };
}
