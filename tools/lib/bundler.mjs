// Core of tools/bundle.mjs: a type-preserving concatenating bundler for the kernel.
//
// The kernel is a graph of ES modules using only relative, extensionless, named imports.
// porffor resolves no imports, so we concatenate every reachable module (dependencies
// first) into one TypeScript file, keeping type annotations, dropping import declarations
// and dropping `export` everywhere except in the entry module and on the names the entry
// re-exports (`export { name } from "./x"`): those stay C-callable functions of the bundle.
import fs from 'node:fs';
import path from 'node:path';
import ts from './ts.mjs';
import { displayPath, lineCol, parseDiagnostics, flattenMessage, isFunctionExpressionLike } from './common.mjs';

const SK = ts.SyntaxKind;

export class BundleError extends Error {
  constructor(diagnostics) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d) {
  return `${d.file}:${d.line}:${d.col}: error: ${d.message}`;
}

const hasModifier = (node, kind) => !!ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === kind);

/** Names bound by a binding name (identifier or destructuring pattern). */
function bindingNames(name, out = []) {
  if (ts.isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
  return out;
}

function isFileSync(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

/**
 * Bundle the module graph rooted at `entry`.
 * @param {{entry: string, cwd?: string, outFile?: string}} opts
 * @returns {{text: string, modules: string[], deps: string[], depfile: (target: string) => string}}
 * @throws {BundleError} with all diagnostics found.
 */
export function bundle({ entry, cwd = process.cwd() }) {
  const diags = [];
  const modules = new Map(); // abs path -> module record
  const entryAbs = path.resolve(cwd, entry);
  const show = (abs) => displayPath(abs, cwd);

  const err = (mod, node, message) => {
    const { line, col } = node ? lineCol(mod.sf, node.getStart(mod.sf)) : { line: 1, col: 1 };
    diags.push({ file: mod.rel, line, col, message });
  };

  function load(abs) {
    if (modules.has(abs)) return modules.get(abs);
    const text = fs.readFileSync(abs, 'utf8');
    const sf = ts.createSourceFile(abs, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const mod = {
      abs, rel: show(abs), sf, text, isDts: abs.endsWith('.d.ts'),
      imports: [],          // { node, spec, target: abs|null, names: [{ id, typeOnly }], typeOnly }
      exports: new Map(),   // name -> identifier node
      topLevel: [],         // { name, node (identifier), kind, isValue, isVar, declare }
      functions: [],        // { name, node } every function that porffor will emit as a named C function
      edits: [],            // { start, end, replacement }
    };
    modules.set(abs, mod);
    for (const d of parseDiagnostics(sf)) {
      const { line, col } = lineCol(sf, d.start ?? 0);
      diags.push({ file: mod.rel, line, col, message: `syntax error: ${flattenMessage(d.messageText)}` });
    }
    scan(mod);
    for (const imp of mod.imports) if (imp.target && !modules.has(imp.target)) load(imp.target);
    return mod;
  }

  function resolveImport(mod, imp) {
    const spec = imp.spec;
    const specNode = imp.node.moduleSpecifier;
    if (!spec.startsWith('./') && !spec.startsWith('../')) {
      err(mod, specNode, `import of "${spec}": only relative imports ("./x", "../x") are supported`);
      return null;
    }
    if (/\.(d\.ts|ts|tsx|js|mjs|cjs|mts|cts|json)$/.test(spec)) {
      err(mod, specNode, `import of "${spec}": use an extensionless specifier ("${spec.replace(/\.(d\.ts|[a-z]+)$/, '')}")`);
      return null;
    }
    const base = path.resolve(path.dirname(mod.abs), spec);
    for (const cand of [base + '.ts', path.join(base, 'index.ts')]) if (isFileSync(cand)) return cand;
    for (const cand of [base + '.d.ts', path.join(base, 'index.d.ts')]) {
      if (isFileSync(cand)) {
        if (imp.typeOnly) return cand;
        err(mod, specNode, `import of "${spec}" resolves to declaration file ${show(cand)}, which is never bundled; use \`import type\``);
        return null;
      }
    }
    err(mod, specNode, `cannot resolve import "${spec}" (looked for ${show(base)}.ts)`);
    return null;
  }

  function scan(mod) {
    const { sf } = mod;
    for (const stmt of sf.statements) {
      if (ts.isImportDeclaration(stmt)) { scanImport(mod, stmt); continue; }
      if (ts.isImportEqualsDeclaration(stmt)) { err(mod, stmt, '`import x = ...` is not supported; use `import { x } from "./mod"`'); continue; }
      if (ts.isExportDeclaration(stmt) && stmt.moduleSpecifier && mod.abs === entryAbs) { scanImport(mod, stmt); continue; }
      if (ts.isExportDeclaration(stmt)) {
        err(mod, stmt, stmt.moduleSpecifier
          ? 're-exports (`export ... from`) are supported only in the entry module; import from the defining module instead'
          : 'export lists (`export { ... }`) are not supported; put `export` on the declaration itself');
        continue;
      }
      if (ts.isExportAssignment(stmt)) { err(mod, stmt, '`export default` / `export =` is not supported; use named exports'); continue; }
      if (hasModifier(stmt, SK.DefaultKeyword)) { err(mod, stmt, '`export default` is not supported; use named exports'); continue; }

      const exported = hasModifier(stmt, SK.ExportKeyword);
      const declare = hasModifier(stmt, SK.DeclareKeyword) || mod.isDts;
      const names = [];
      if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          const isFn = isFunctionExpressionLike(d.initializer);
          for (const id of bindingNames(d.name)) names.push({ id, kind: 'variable', isValue: true, isVar: !isFn });
        }
      } else if (ts.isFunctionDeclaration(stmt) && stmt.name) names.push({ id: stmt.name, kind: 'function', isValue: true });
      else if (ts.isClassDeclaration(stmt) && stmt.name) names.push({ id: stmt.name, kind: 'class', isValue: true });
      else if (ts.isEnumDeclaration(stmt)) names.push({ id: stmt.name, kind: 'enum', isValue: true });
      else if (ts.isInterfaceDeclaration(stmt)) names.push({ id: stmt.name, kind: 'interface', isValue: false });
      else if (ts.isTypeAliasDeclaration(stmt)) names.push({ id: stmt.name, kind: 'type', isValue: false });
      else if (ts.isModuleDeclaration(stmt) && ts.isIdentifier(stmt.name)) names.push({ id: stmt.name, kind: 'namespace', isValue: true });

      for (const n of names) {
        mod.topLevel.push({ name: n.id.text, node: n.id, kind: n.kind, isValue: n.isValue, isVar: !!n.isVar, declare });
        if (exported && !mod.exports.has(n.id.text)) mod.exports.set(n.id.text, n.id);
      }
      if (exported && ts.canHaveModifiers(stmt)) {
        const m = ts.getModifiers(stmt).find((x) => x.kind === SK.ExportKeyword);
        let end = m.end;
        while (end < mod.text.length && (mod.text[end] === ' ' || mod.text[end] === '\t')) end++;
        mod.stripExport = mod.stripExport ?? [];
        mod.stripExport.push({ start: m.getStart(sf), end, replacement: '', names: names.map((n) => n.id.text) });
      }
    }
    // Whole-tree walk: dynamic import(), import.meta, and the functions porffor will name in C.
    const visit = (node) => {
      if (ts.isCallExpression(node) && node.expression.kind === SK.ImportKeyword) {
        err(mod, node, 'dynamic import() is not supported');
      } else if (ts.isMetaProperty(node) && node.keywordToken === SK.ImportKeyword) {
        err(mod, node, '`import.meta` is not supported');
      }
      const declare = mod.isDts || hasModifier(node, SK.DeclareKeyword);
      if (!declare) {
        const top = node.parent === sf || (ts.isVariableDeclaration(node) && node.parent.parent.parent === sf);
        const add = (id) => mod.functions.push({ name: id.text, node: id, top });
        if (ts.isFunctionDeclaration(node) && node.name && node.body) add(node.name);
        else if (ts.isFunctionExpression(node) && node.name) add(node.name);
        else if (ts.isClassLike(node) && node.name) add(node.name);
        else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isFunctionExpressionLike(node.initializer)
          && !(ts.isFunctionExpression(node.initializer) && node.initializer.name)) add(node.name);
      }
      ts.forEachChild(node, visit);
    };
    if (!mod.isDts) visit(sf);
  }

  /** An import, or the entry's `export { name } from "./x"` (read as an import whose names keep their export). */
  function scanImport(mod, stmt) {
    const spec = ts.isStringLiteral(stmt.moduleSpecifier) ? stmt.moduleSpecifier.text : '';
    const reexport = ts.isExportDeclaration(stmt);
    const clause = reexport ? { isTypeOnly: stmt.isTypeOnly, namedBindings: stmt.exportClause } : stmt.importClause;
    const imp = { node: stmt, spec, target: null, names: [], typeOnly: !!clause?.isTypeOnly, reexport };
    mod.edits.push({ start: stmt.getStart(mod.sf), end: stmt.end, replacement: null });
    if (reexport && !stmt.exportClause) { err(mod, stmt, `\`export * from "${spec}"\` is not supported; name what the entry re-exports`); return; }
    if (!clause) { err(mod, stmt, `side-effect-only import of "${spec}" is not supported; import the names you use`); return; }
    if (clause.name) { err(mod, clause.name, `default import \`${clause.name.text}\` from "${spec}" is not supported; use a named import`); return; }
    const nb = clause.namedBindings;
    if (!nb || ts.isNamespaceImport(nb) || ts.isNamespaceExport(nb)) {
      err(mod, nb ?? stmt, `namespace import${nb ? ` \`* as ${nb.name.text}\`` : ''} from "${spec}" is not supported; use named imports`);
      return;
    }
    if (nb.elements.length === 0) { err(mod, stmt, `empty import from "${spec}" is not supported`); return; }
    let ok = true;
    for (const el of nb.elements) {
      if (el.propertyName) {
        err(mod, el, `aliased import \`${el.propertyName.text} as ${el.name.text}\` is not supported: all modules share one scope, import it under its own name`);
        ok = false;
      }
      imp.names.push({ id: el.name, typeOnly: imp.typeOnly || el.isTypeOnly });
    }
    imp.typeOnly = imp.names.every((n) => n.typeOnly);
    if (!ok) return;
    imp.target = resolveImport(mod, imp);
    mod.imports.push(imp);
  }

  if (!isFileSync(entryAbs)) {
    throw new BundleError([{ file: show(entryAbs), line: 1, col: 1, message: 'entry module not found' }]);
  }
  const entryMod = load(entryAbs);

  // Imported names must be exported by the target module.
  for (const mod of modules.values()) {
    for (const imp of mod.imports) {
      if (!imp.target) continue;
      const target = modules.get(imp.target);
      for (const { id } of imp.names) {
        if (!target.exports.has(id.text)) {
          const declared = target.topLevel.find((t) => t.name === id.text);
          err(mod, id, `"${imp.spec}" (${target.rel}) does not export \`${id.text}\`${declared ? ` (it is declared at line ${lineCol(target.sf, declared.node.getStart(target.sf)).line} but not exported)` : ''}`);
        }
      }
    }
  }

  // Order: DFS post-order from the entry, imports in source order; back edges of cycles are skipped.
  const order = [];
  const state = new Map();
  const visit = (mod) => {
    state.set(mod.abs, 'visiting');
    for (const imp of mod.imports) {
      if (!imp.target) continue;
      const dep = modules.get(imp.target);
      if (!state.has(dep.abs)) visit(dep);
    }
    state.set(mod.abs, 'done');
    order.push(mod);
  };
  visit(entryMod);
  const bundled = order.filter((m) => !m.isDts);

  // One scope after bundling: top-level names must be unique across modules.
  const pos = (mod, node) => `${mod.rel}:${lineCol(mod.sf, node.getStart(mod.sf)).line}`;
  const seen = new Map();
  for (const mod of bundled) {
    for (const t of mod.topLevel) {
      const prev = seen.get(t.name);
      if (!prev) { seen.set(t.name, { mod, t }); continue; }
      if (prev.mod === mod) continue; // same module: TypeScript's own rules apply (overloads, merging)
      err(mod, t.node, `top-level ${t.kind} \`${t.name}\` collides with ${prev.t.kind} \`${t.name}\` at ${pos(prev.mod, prev.t.node)} (all modules share one scope in the bundle)`);
    }
  }
  // porffor names C functions after their JS name (nested ones included) and C globals after
  // top-level variables: a function may not share its name with another function or a global.
  const fnSeen = new Map();
  for (const mod of bundled) {
    for (const f of mod.functions) {
      const prev = fnSeen.get(f.name);
      if (!prev) { fnSeen.set(f.name, { mod, f }); continue; }
      if (prev.f.top && f.top) continue; // reported by the top-level collision check (or by tsc, same module)
      err(mod, f.node, `function \`${f.name}\` has the same name as the function at ${pos(prev.mod, prev.f.node)}: porffor emits both as one C function \`${f.name}\`; rename one`);
    }
  }
  for (const mod of bundled) {
    for (const t of mod.topLevel) {
      if (!t.isVar || t.declare) continue;
      const fn = fnSeen.get(t.name);
      // (a top-level function is already reported by the collision check, or by tsc in the same module)
      if (fn && !fn.f.top) err(mod, t.node, `top-level variable \`${t.name}\` has the same name as the function at ${pos(fn.mod, fn.f.node)}: porffor's C output would collide; rename one`);
    }
  }

  if (diags.length) throw new BundleError(dedupe(diags));

  // Emit.
  const entryRel = entryMod.rel;
  const kept = new Set(); // "abs:name" of every name the entry re-exports
  for (const imp of entryMod.imports) if (imp.reexport && imp.target) for (const { id } of imp.names) kept.add(`${imp.target}:${id.text}`);
  let out = `// Generated by tools/bundle.mjs from ${entryRel}. Do not edit.\n`;
  for (const mod of bundled) {
    const edits = [...mod.edits];
    if (mod !== entryMod && mod.stripExport) edits.push(...mod.stripExport.filter((e) => !e.names.some((n) => kept.has(`${mod.abs}:${n}`))));
    edits.sort((a, b) => b.start - a.start);
    let text = mod.text.replace(/^\uFEFF/, '');
    const bom = mod.text.length - text.length;
    for (const e of edits) {
      const start = e.start - bom, end = e.end - bom;
      // Removed imports keep their newlines so line numbers inside each module stay unchanged.
      const repl = e.replacement ?? text.slice(start, end).replace(/[^\n]/g, '');
      text = text.slice(0, start) + repl + text.slice(end);
    }
    if (!text.endsWith('\n')) text += '\n';
    out += `// ---- ${mod.rel}\n${text}`;
  }

  const depPaths = [entryMod, ...order.filter((m) => m !== entryMod)].map((m) => m.rel);
  return {
    text: out,
    modules: bundled.map((m) => m.rel),
    deps: depPaths,
    depfile: (target) => makeDepfile(target, depPaths),
  };
}

const mkEscape = (p) => p.replace(/([ #])/g, '\\$1').replace(/\$/g, '$$$$');

export function makeDepfile(target, deps) {
  let s = `${mkEscape(target)}: ${deps.map(mkEscape).join(' ')}\n`;
  for (const d of deps) s += `\n${mkEscape(d)}:\n`;
  return s;
}

function dedupe(diags) {
  const seen = new Set();
  return diags.filter((d) => {
    const k = formatDiagnostic(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
