// Finds user-facing English that does not go through l10n.t, by walking the syntax tree of every
// source file (the TypeScript compiler's own parser, typescript/unstable/sync). A regular expression
// over the text only sees the call shapes it was written for; the tree sees every message of
// every shape: toasts and their buttons, thrown errors (Error, ApiError, FileSystemError,
// validationError), quick-pick and input-box labels, titles, prompts and placeholders, tree-item
// descriptions and tooltips, progress messages. A literal (or the fixed text of a template
// literal) with an English word in one of those places is reported unless it is inside l10n.t(…).
import * as fs from 'fs';
import * as path from 'path';
import { API } from 'typescript/unstable/sync';
import { SyntaxKind as K } from 'typescript/unstable/ast';

/** Calls whose every argument is shown to the user. */
const SHOWN_CALLS = new Set(['showErrorMessage', 'showWarningMessage', 'showInformationMessage', 'setStatusBarMessage', 'validationError', 'appendText']);
/** Calls with an argument that ends up inside a shown message: which argument (a noun, a hint, where a setting came from). */
const SHOWN_ARGUMENTS = new Map([['assertName', [0]], ['assertSecureUrl', [1]], ['trustedCertificates', [1]], ['readPemFile', [1]], ['unexpected', [2, 3]]]);
/** FileSystemError.X(message) and the like. */
const ERROR_FACTORIES = new Set(['FileNotFound', 'FileExists', 'FileNotADirectory', 'FileIsADirectory', 'NoPermissions', 'Unavailable']);
/** Properties of options and items that VS Code shows. */
const SHOWN_PROPERTIES = new Set(['title', 'prompt', 'placeHolder', 'placeholder', 'label', 'description', 'markdownDescription', 'detail', 'tooltip', 'message', 'contentText', 'validationMessage', 'trustHint', 'error', 'next']);
/** Words that are data or names, the same in every language. */
const KEEP = new Set(['ModelArts', 'CSV', 'JSON', 'Markdown', 'HTTP', 'HTTPS', 'IAM', 'AK', 'SK', 'MB', 'KB', 'ID', 'URL', 'PEM', 'CA', 'TLS', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'Running', 'Pending', 'Updating', 'Abnormal', 'Deleting', 'id']);

/** True when `text` reads as English words rather than data, codicons, identifiers or the brand. */
export function isEnglish(text) {
  const words = text
    .replace(/\$\([\w~-]+\)/g, ' ') // codicons
    .replace(/\b\w+:\/\/\S+/g, ' ') // URLs
    .split(/[^A-Za-z0-9_.\-/]+/)
    .filter((w) => /^[A-Za-z]{2,}(?:-[A-Za-z]+)*[.]?$/.test(w)) // plain words (plug-in too); not ids (a.b, camelCase below), paths, numbers, --flags
    .map((w) => w.replace(/\.$/, ''))
    .filter((w) => !/[a-z][A-Z]/.test(w) && !KEEP.has(w));
  return words.length > 0;
}

function calleeName(expr) {
  if (expr.kind === K.Identifier) return expr.text;
  if (expr.kind === K.PropertyAccessExpression) return expr.name.text;
  return undefined;
}

function isL10nCall(node) {
  // l10n.t(…) and vscode.l10n.t(…)
  return node.kind === K.CallExpression && node.expression.kind === K.PropertyAccessExpression &&
    node.expression.name.text === 't' && calleeName(node.expression.expression) === 'l10n';
}

function propertyName(node) {
  const n = node.name;
  if (!n) return undefined;
  if (n.kind === K.Identifier || n.kind === K.StringLiteral) return n.text;
  return undefined;
}

/**
 * Every untranslated English text shown to the user in `files` (paths relative to `root`, all
 * covered by root/tsconfig.json), as `file:line: text`.
 */
export function untranslatedStrings(root, files) {
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({ openProject: path.join(root, 'tsconfig.json') });
    const program = snapshot.getProjects()[0].program;
    const found = [];
    for (const file of files) {
      const sf = program.getSourceFile(path.join(root, file));
      if (!sf) throw new Error(`${file} is not part of tsconfig.json`);
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const line = (pos) => text.slice(0, pos).split('\n').length;
      const report = (node, shown) => found.push(`${file}:${line(node.getStart(sf))}: ${shown}`);

      /** Reports the English in an expression whose value is shown. */
      const shown = (e) => {
        if (!e) return;
        switch (e.kind) {
          case K.StringLiteral:
          case K.NoSubstitutionTemplateLiteral:
            if (isEnglish(e.text)) report(e, JSON.stringify(e.text));
            return;
          case K.TemplateExpression: {
            const fixed = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' ');
            if (isEnglish(fixed)) report(e, e.getText(sf).replace(/\s+/g, ' ').slice(0, 160));
            for (const s of e.templateSpans) shown(s.expression);
            return;
          }
          case K.ConditionalExpression:
            shown(e.whenTrue);
            shown(e.whenFalse);
            return;
          case K.BinaryExpression:
            if ([K.PlusToken, K.QuestionQuestionToken, K.BarBarToken].includes(e.operatorToken.kind)) {
              shown(e.left);
              shown(e.right);
            }
            return;
          case K.ParenthesizedExpression:
          case K.AsExpression:
          case K.NonNullExpression:
            shown(e.expression);
            return;
          case K.ArrayLiteralExpression: // .join(…) of parts, buttons
            e.elements.forEach(shown);
            return;
          case K.ObjectLiteralExpression:
            for (const p of e.properties) if (p.kind === K.PropertyAssignment && SHOWN_PROPERTIES.has(propertyName(p))) shown(p.initializer);
            return;
          default:
            return; // a variable, a call (l10n.t among them), a number: nothing literal to see here
        }
      };

      const visit = (node) => {
        if (isL10nCall(node)) return; // its arguments are the English source text and the values
        if (node.kind === K.CallExpression) {
          const name = calleeName(node.expression);
          if (SHOWN_CALLS.has(name)) node.arguments.forEach(shown);
          else if (ERROR_FACTORIES.has(name)) shown(node.arguments[0]);
          else if (SHOWN_ARGUMENTS.has(name)) for (const i of SHOWN_ARGUMENTS.get(name)) shown(node.arguments[i]);
          else if (name === 'executeCommand' && node.arguments[0]?.text === 'vscode.diff') shown(node.arguments[3]); // the diff editor's title
        } else if (node.kind === K.NewExpression) {
          const name = calleeName(node.expression);
          if (name && /Error$/.test(name)) shown(node.arguments?.[0]);
          if (name === 'TreeItem' || name === 'MarkdownString') shown(node.arguments?.[0]);
        } else if (node.kind === K.PropertyAssignment) {
          if (SHOWN_PROPERTIES.has(propertyName(node))) shown(node.initializer);
        } else if (node.kind === K.BinaryExpression && node.operatorToken.kind === K.EqualsToken) {
          if (node.left.kind === K.PropertyAccessExpression && SHOWN_PROPERTIES.has(node.left.name.text)) shown(node.right);
        }
        node.forEachChild(visit);
      };
      visit(sf);
    }
    return [...new Set(found)];
  } finally {
    api.close();
  }
}
