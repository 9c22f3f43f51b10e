// Shared helpers for tools/bundle.mjs, tools/check-subset.mjs and tools/check-layers.mjs.
import fs from 'node:fs';
import path from 'node:path';
import ts from './ts.mjs';

/** Path of `abs` relative to `cwd`, with forward slashes (for messages and Makefiles). */
export function displayPath(abs, cwd) {
  const rel = path.relative(cwd, abs);
  const p = rel === '' ? '.' : (rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel);
  return p.split(path.sep).join('/');
}

/** 1-based line/column of a position in a source file. */
export function lineCol(sf, pos) {
  const { line, character } = sf.getLineAndCharacterOfPosition(pos);
  return { line: line + 1, col: character + 1 };
}

/** All files under `dir` (recursively, sorted) whose name satisfies `pred`. */
export function listFiles(dir, pred) {
  const out = [];
  const walk = (d) => {
    let entries;
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p); }
      else if (e.isFile() && pred(p)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export const isDts = (f) => /\.d\.ts$/.test(f);
export const isKernelTs = (f) => f.endsWith('.ts') && !isDts(f);

/** Syntax errors recorded by ts.createSourceFile (not part of the public API, hence the guard). */
export function parseDiagnostics(sf) {
  return Array.isArray(sf.parseDiagnostics) ? sf.parseDiagnostics : [];
}

export function flattenMessage(msg) {
  return ts.flattenDiagnosticMessageText(msg, ' ');
}

/** Unwrap parentheses / type assertions / satisfies around an expression. */
export function skipOuterExpressions(e) {
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)
    || ts.isTypeAssertionExpression(e) || ts.isNonNullExpression(e))) e = e.expression;
  return e;
}

export const isFunctionExpressionLike = (e) => {
  const x = skipOuterExpressions(e);
  return !!x && (ts.isArrowFunction(x) || ts.isFunctionExpression(x));
};
