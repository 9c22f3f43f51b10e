// Core of tools/check-subset.mjs: enforces the restricted TypeScript subset the kernel is written in.
import fs from 'node:fs';
import path from 'node:path';
import ts from './ts.mjs';
import { displayPath, lineCol, listFiles, isDts, isKernelTs, isFunctionExpressionLike, flattenMessage } from './common.mjs';

const SK = ts.SyntaxKind;

export const RULES = {
  'closure-capture': 'a nested function references a local/parameter of an enclosing function',
  'try-catch': 'try statements are not supported',
  'any': 'the any type is not allowed',
  'untyped-declaration': 'declarations need explicit type annotations',
  'destructuring': 'destructuring declarations are not supported',
  'hardware-outside-arch': 'Porffor/asm intrinsics only under <root>/arch/i386/',
  'dynamic-property': 'dynamic property names on non-array objects',
  'reserved-name': 'a variable or parameter named like a global porffor resolves itself (console...)',
  'subset-allow': 'malformed or unused `// subset-allow:` comment',
};

const TYPED_ARRAYS = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']);
const HARDWARE_IDS = new Set(['Porffor', 'asm']);

const DEFAULT_OPTIONS = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  noEmit: true,
};

// Parsed lib .d.ts files are shared between programs (makes repeated in-process runs fast).
const libCache = new Map();
const libDir = path.dirname(ts.getDefaultLibFilePath({}));

function makeHost(options) {
  const host = ts.createCompilerHost(options, true);
  const orig = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, langVersion, onError, shouldCreate) => {
    if (path.dirname(path.resolve(fileName)) !== libDir) return orig(fileName, langVersion, onError, shouldCreate);
    const key = `${fileName}|${typeof langVersion === 'object' ? JSON.stringify(langVersion) : langVersion}`;
    let sf = libCache.get(key);
    if (!sf) { sf = orig(fileName, langVersion, onError, shouldCreate); if (sf) libCache.set(key, sf); }
    return sf;
  };
  return host;
}

function loadOptions(cwd, project) {
  const cfgPath = project ? path.resolve(cwd, project) : path.join(cwd, 'tsconfig.json');
  if (!project && !fs.existsSync(cfgPath)) return { options: { ...DEFAULT_OPTIONS }, extraFiles: [] };
  const read = ts.readConfigFile(cfgPath, ts.sys.readFile);
  if (read.error) throw new Error(`${displayPath(cfgPath, cwd)}: ${flattenMessage(read.error.messageText)}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(cfgPath), undefined, cfgPath);
  const options = { ...parsed.options, strict: true, noEmit: true };
  return { options, extraFiles: parsed.fileNames.filter(isDts) };
}

/**
 * Run the subset checker.
 * @param {{root?: string, files?: string[], cwd?: string, project?: string}} opts
 * @returns {{violations: {file, line, col, rule, message}[], filesChecked: number}}
 */
export function checkSubset({ root = 'kernel', files = [], cwd = process.cwd(), project } = {}) {
  const rootAbs = path.resolve(cwd, root);
  if (!fs.existsSync(rootAbs) || !fs.statSync(rootAbs).isDirectory()) throw new Error(`root directory ${displayPath(rootAbs, cwd)} not found`);
  const allTs = listFiles(rootAbs, (f) => f.endsWith('.ts'));
  const targets = files.length ? files.map((f) => path.resolve(cwd, f)) : allTs.filter(isKernelTs);
  for (const t of targets) if (!fs.existsSync(t)) throw new Error(`${displayPath(t, cwd)}: no such file`);
  const { options, extraFiles } = loadOptions(cwd, project);
  const rootNames = [...new Set([...allTs, ...targets, ...extraFiles])];
  const program = ts.createProgram({ rootNames, options, host: makeHost(options) });
  const checker = program.getTypeChecker();
  const archDir = path.join(rootAbs, 'arch', 'i386') + path.sep;

  const violations = [];
  for (const abs of targets) {
    if (isDts(abs)) continue;
    const sf = program.getSourceFile(abs);
    if (!sf) continue;
    violations.push(...checkFile(sf, checker, { rel: displayPath(abs, cwd), inArch: abs.startsWith(archDir) }));
  }
  violations.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col || (a.rule < b.rule ? -1 : 1)));
  return { violations, filesChecked: targets.filter((t) => !isDts(t)).length };
}

export const formatViolation = (v) => `${v.file}:${v.line}:${v.col}: ${v.rule}: ${v.message}`;

const isBoundary = (n) => ts.isFunctionLike(n) && !!(n.body !== undefined || ts.isArrowFunction(n))
  || ts.isClassStaticBlockDeclaration(n)
  || (ts.isPropertyDeclaration(n) && ts.isClassLike(n.parent));

/** Nearest enclosing function boundary (or the SourceFile) strictly above `node`. */
function boundaryOf(node) {
  let n = node.parent;
  while (n && !ts.isSourceFile(n) && !isBoundary(n)) n = n.parent;
  return n;
}

function isAncestor(anc, node) {
  for (let n = node.parent; n; n = n.parent) if (n === anc) return true;
  return false;
}

function describeFn(fn) {
  if (ts.isSourceFile(fn)) return 'module';
  const kind = ts.isArrowFunction(fn) ? 'arrow function' : ts.isFunctionExpression(fn) ? 'function expression'
    : ts.isFunctionDeclaration(fn) ? 'function' : ts.isMethodDeclaration(fn) ? 'method' : ts.isMethodSignature(fn) ? 'method signature'
    : ts.isConstructorDeclaration(fn) ? 'constructor' : ts.isGetAccessor(fn) ? 'getter' : ts.isSetAccessor(fn) ? 'setter'
    : ts.isPropertyDeclaration(fn) ? 'property initializer' : 'function';
  let name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : null;
  if (!name && fn.parent && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) name = fn.parent.name.text;
  if (!name && fn.parent && ts.isPropertyAssignment(fn.parent) && ts.isIdentifier(fn.parent.name)) name = fn.parent.name.text;
  return name ? `${kind} \`${name}\`` : kind;
}

const CAPTURABLE = new Set([SK.VariableDeclaration, SK.Parameter, SK.FunctionDeclaration, SK.ClassDeclaration,
  SK.EnumDeclaration, SK.BindingElement]);

function isMemberName(id) {
  const p = id.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) && (p.name === id || p.right === id)) return true;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p)
    || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id) return true;
  return false;
}

function checkFile(sf, checker, { rel, inArch }) {
  const out = [];
  const report = (node, rule, message, pos) => {
    const { line, col } = lineCol(sf, pos ?? node.getStart(sf));
    out.push({ file: rel, line, col, rule, message });
  };
  const safe = (f) => { try { return f(); } catch { return undefined; } };
  const isAnyType = (t) => !!t && (t.flags & ts.TypeFlags.Any) !== 0 && t.intrinsicName !== 'error';
  const untypedReported = new Set();
  const captureReported = new Set();

  // --- closure-capture -------------------------------------------------------------------
  function checkIdentifierCapture(id) {
    if (isMemberName(id)) return;
    const p = id.parent;
    const sym = safe(() => (ts.isShorthandPropertyAssignment(p) && p.name === id
      ? checker.getShorthandAssignmentValueSymbol(p) : checker.getSymbolAtLocation(id)));
    if (!sym) return;
    if (id.text === 'arguments' && !sym.declarations?.length) { checkThisLike(id, '`arguments`'); return; }
    if (sym.flags & ts.SymbolFlags.Alias) return;
    const decl = sym.valueDeclaration ?? sym.declarations?.[0];
    if (!decl || !CAPTURABLE.has(decl.kind) || decl.getSourceFile() !== sf) return;
    if (decl.name === id) return; // the declaration itself
    // A nested function/class referring to itself (recursion) needs no environment.
    if ((ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) && isAncestor(decl, id)) return;
    const declFn = boundaryOf(decl);
    if (!declFn || ts.isSourceFile(declFn)) return;
    const refFn = boundaryOf(id);
    if (refFn === declFn || !isAncestor(declFn, refFn)) return;
    const key = `${refFn.pos}:${refFn.end}:${id.text}`;
    if (captureReported.has(key)) return;
    captureReported.add(key);
    const declLine = lineCol(sf, decl.getStart(sf)).line;
    report(id, 'closure-capture', `${describeFn(refFn)} captures \`${id.text}\` declared in enclosing ${describeFn(declFn)} (line ${declLine}); pass it as a parameter or move it to module level`);
  }

  function checkThisLike(node, what) {
    let sawArrow = false;
    let n = node.parent;
    for (; n && !ts.isSourceFile(n); n = n.parent) {
      if (ts.isArrowFunction(n)) { sawArrow = true; continue; }
      if (isBoundary(n)) break;
    }
    if (!sawArrow || !n || ts.isSourceFile(n)) return;
    const arrow = (() => { let a = node.parent; while (!ts.isArrowFunction(a)) a = a.parent; return a; })();
    const key = `${arrow.pos}:${arrow.end}:${what}`;
    if (captureReported.has(key)) return;
    captureReported.add(key);
    report(node, 'closure-capture', `${describeFn(arrow)} captures ${what} of enclosing ${describeFn(n)}`);
  }

  // --- untyped-declaration / destructuring / inferred any --------------------------------
  function untyped(node, at, message) {
    untypedReported.add(node);
    report(at, 'untyped-declaration', message);
  }

  function checkInferredAny(decl) {
    if (untypedReported.has(decl) || decl.type) return;
    if (!ts.isIdentifier(decl.name)) return;
    const t = safe(() => checker.getTypeAtLocation(decl.name));
    if (isAnyType(t)) report(decl.name, 'any', `\`${decl.name.text}\` has inferred type any; annotate it with a concrete type`);
  }

  // porffor 0.61.13 compiles a local or parameter named `console` as its own console global
  // (the variable reads 65536, not its value), silently; the names below are refused instead.
  const RESERVED_NAMES = new Set(['console', 'Math', 'Porffor', 'globalThis', 'Number', 'String', 'Array']);
  function checkReservedName(node) {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name) && RESERVED_NAMES.has(node.name.text)) {
      report(node.name, 'reserved-name', `\`${node.name.text}\` names a global porffor resolves itself; the variable would be miscompiled`);
    }
  }

  function checkDeclarations(node) {
    checkReservedName(node);
    if (ts.isVariableDeclaration(node)) {
      if (ts.isCatchClause(node.parent)) return; // try-catch is reported on its own
      if (!ts.isIdentifier(node.name)) { report(node.name, 'destructuring', 'destructuring declarations are not supported; declare each variable separately'); return; }
      const list = node.parent, loop = list.parent;
      const loopVar = ts.isForOfStatement(loop) || ts.isForInStatement(loop);
      if (!node.type && !loopVar && !isFunctionExpressionLike(node.initializer)) {
        untyped(node, node.name, `\`${node.name.text}\` needs a type annotation`);
      }
      checkInferredAny(node);
    } else if (ts.isParameter(node)) {
      if (!ts.isIdentifier(node.name)) { report(node.name, 'destructuring', 'destructuring parameters are not supported'); return; }
      if (!node.type && node.name.text !== 'this') untyped(node, node.name, `parameter \`${node.name.text}\` needs a type annotation`);
      checkInferredAny(node);
    } else if (ts.isPropertyDeclaration(node) || ts.isPropertySignature(node)) {
      if (!node.type) untyped(node, node.name, `property \`${node.name.getText(sf)}\` needs a type annotation`);
      else return;
      if (ts.isPropertyDeclaration(node)) checkInferredAny(node);
    } else if (ts.isBindingElement(node)) {
      // reported as destructuring at the pattern
    } else if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)
      || ts.isMethodDeclaration(node) || ts.isMethodSignature(node) || ts.isGetAccessor(node)) {
      if (!node.type) {
        const at = node.name ?? node;
        untyped(node, at, `${describeFn(node)} needs a return type annotation`);
      }
    }
  }

  // --- dynamic-property --------------------------------------------------------------------
  function indexableType(t, depth = 0) {
    if (!t || depth > 8) return true;
    if (t.flags & ts.TypeFlags.Any && t.intrinsicName === 'error') return true; // leave type errors to tsc
    if (t.isUnion()) return t.types.every((x) => indexableType(x, depth + 1));
    if (t.isIntersection()) return t.types.some((x) => indexableType(x, depth + 1));
    if (t.flags & ts.TypeFlags.TypeParameter) {
      const c = checker.getBaseConstraintOfType(t);
      return !!c && c !== t && indexableType(c, depth + 1);
    }
    if (t.flags & ts.TypeFlags.StringLike) return true;
    if ((checker.isArrayType?.(t)) || (checker.isTupleType?.(t))) return true;
    const name = (t.aliasSymbol ?? t.getSymbol())?.getName?.();
    const sym = t.getSymbol()?.getName?.();
    if (sym === 'Array' || sym === 'ReadonlyArray' || sym === 'String' || TYPED_ARRAYS.has(sym)) return true;
    return TYPED_ARRAYS.has(name);
  }

  function checkElementAccess(node) {
    const t = safe(() => checker.getNonNullableType(checker.getTypeAtLocation(node.expression)));
    if (!t || indexableType(t)) return;
    const tn = safe(() => checker.typeToString(t)) ?? '?';
    report(node, 'dynamic-property', `element access on \`${tn}\`: only arrays, tuples, typed arrays and strings may be indexed; use a property name`,
      node.argumentExpression.getFullStart() - 1);
  }

  // --- walk -------------------------------------------------------------------------------
  function visit(node, inType) {
    const typeNode = inType || ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
    switch (node.kind) {
      case SK.TryStatement: report(node, 'try-catch', 'try/catch/finally is not supported'); break;
      case SK.AnyKeyword: report(node, 'any', 'the `any` type is not allowed'); break;
      case SK.ThisKeyword: if (!typeNode) checkThisLike(node, '`this`'); break;
      case SK.ElementAccessExpression: checkElementAccess(node); break;
      case SK.ComputedPropertyName:
        if (node.parent && (ts.isObjectLiteralExpression(node.parent.parent) || ts.isClassLike(node.parent.parent))) {
          report(node, 'dynamic-property', 'computed property names are not supported');
        }
        break;
      case SK.Identifier:
        if (HARDWARE_IDS.has(node.text) && !inArch && (!isMemberName(node)
          || (ts.isPropertyAccessExpression(node.parent) && ts.isIdentifier(node.parent.expression) && node.parent.expression.text === 'globalThis'))) {
          report(node, 'hardware-outside-arch', `\`${node.text}\` (hardware/compiler intrinsic) may only be used under arch/i386/`);
        }
        if (!typeNode) checkIdentifierCapture(node);
        break;
    }
    checkDeclarations(node);
    ts.forEachChild(node, (c) => visit(c, typeNode));
  }
  ts.forEachChild(sf, (c) => visit(c, false));

  return applySuppressions(sf, rel, out);
}

// --- `// subset-allow: <rule-id> <reason>` --------------------------------------------------
function applySuppressions(sf, rel, violations) {
  const lines = sf.text.split('\n');
  const allows = new Map(); // line (1-based) of the suppressed line -> { rule, line, used }
  const extra = [];
  lines.forEach((text, i) => {
    if (!/^\s*\/\/\s*subset-allow\b/.test(text)) return;
    const line = i + 1, col = text.indexOf('//') + 1;
    const m = /^\s*\/\/\s*subset-allow:\s*(\S*)\s*(.*?)\s*$/.exec(text);
    const bad = (message) => extra.push({ file: rel, line, col, rule: 'subset-allow', message });
    if (!m) return bad('malformed comment; expected `// subset-allow: <rule-id> <reason>`');
    const [, rule, reason] = m;
    if (!rule || !Object.hasOwn(RULES, rule) || rule === 'subset-allow') {
      return bad(`unknown rule id \`${rule}\`; expected one of: ${Object.keys(RULES).filter((r) => r !== 'subset-allow').join(', ')}`);
    }
    if (!reason) return bad(`\`subset-allow: ${rule}\` needs a reason after the rule id`);
    allows.set(line + 1, { rule, line, col, used: false });
  });
  const kept = violations.filter((v) => {
    const a = allows.get(v.line);
    if (a && a.rule === v.rule) { a.used = true; return false; }
    return true;
  });
  for (const a of allows.values()) {
    if (!a.used) extra.push({ file: rel, line: a.line, col: a.col, rule: 'subset-allow', message: `no \`${a.rule}\` violation on the next line; remove this comment` });
  }
  const seen = new Set();
  return [...kept, ...extra].filter((v) => {
    const k = `${v.line}:${v.col}:${v.rule}:${v.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
