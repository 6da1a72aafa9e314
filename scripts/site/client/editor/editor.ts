/**
 * The code editor of a workbook cell: CodeMirror 6 with TypeScript
 * highlighting (class names from @lezer/highlight, coloured by workbook.css
 * for light and dark), undo history, bracket matching, and Shift+Enter to
 * run the cell as in Jupyter. Tab is left to the browser, so keyboard users
 * can move on from the editor (CodeMirror's advice for accessible editors).
 */
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, drawSelection, highlightActiveLine } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { javascript } from "@codemirror/lang-javascript";
import { classHighlighter } from "@lezer/highlight";

export interface CellEditorOptions {
  /** The code to start with. */
  doc: string;
  /** Accessible name of the editing area ("Code of cell 5"). */
  label: string;
  /** Shift+Enter (and Ctrl/Cmd+Enter). */
  onRun(): void;
  onChange(code: string): void;
}

export interface CellEditor {
  view: EditorView;
  code(): string;
  setCode(code: string): void;
  focus(): void;
}

export function createCellEditor(parent: HTMLElement, options: CellEditorOptions): CellEditor {
  const run = () => {
    options.onRun();
    return true;
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        javascript({ typescript: true }),
        syntaxHighlighting(classHighlighter),
        keymap.of([{ key: "Shift-Enter", run }, { key: "Mod-Enter", run }, ...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    code: () => view.state.doc.toString(),
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } }),
    focus: () => view.focus(),
  };
}
