/**
 * Static analysis for sdk-members.guard.test.ts: which members of a library
 * a package's shipped JavaScript uses. Parsed and bound by TypeScript (a
 * direct devDependency), so a binding is followed by its scope, not by its
 * spelling: `const dt = DateTime.fromJSDate(d); dt.toFormat(f)` is the use
 * `DateTime.fromJSDate().toFormat()`.
 *
 * A use is a path from the module: member names, CALL for a call of what
 * came before, NEW for `new`, DYNAMIC for a computed member (`x[key]`).
 * Followed through: imports (default, named, namespace, `await import()`),
 * re-exports, `const`/`let` and simple `{ a } =` destructuring, assignments
 * to variables and to fields (`this._client = axios.create()`), class field
 * initialisers, arguments of calls to functions and methods declared in the
 * same file (into their parameters), `await`, `?.`, `??`/`||`/`&&`/`?:`, and
 * `if (x instanceof Lib.Class) { x.member }`. Not followed: values returned
 * from a function, stored in arrays or object literals, passed to functions
 * of another file, or narrowed by anything other than `instanceof` in an `if`.
 */
import ts from 'typescript'

export const CALL = '()'
export const NEW = 'new()'
export const DYNAMIC = '[…]'

/**
 * Whether `import { exportName } from specifier` is a library's export: its
 * key (e.g. 'axios') and the name it has there; undefined for anything else.
 * `exportName` is 'default' for a default import, '*' for a namespace.
 */
export type Origin = (specifier: string, exportName: string) => { lib: string, name: string } | undefined

export interface Use {
  lib: string
  path: string[]
  /** The first place the use was seen: `file:line`. */
  at: string
}

interface Value { lib: string, path: string[] }

/** Longer paths are cut here, so a self-referencing assignment (`x = x.next`) cannot grow forever. */
const MAX_STEPS = 12

const keyOf = (v: Value) => `${v.lib}\0${v.path.join('\0')}`

/** `default.create().post()`, `new AxiosError().code`: a path as the source would spell it. */
export function render(path: readonly string[]): string {
  let out = ''
  for (const step of path) {
    if (step === CALL)
      out += '()'
    else if (step === NEW)
      out = `new ${out}()`
    else if (step === DYNAMIC)
      out += '[…]'
    else
      out = out ? `${out}.${step}` : step
  }
  return out
}

/** The names a module re-exports from `specifier` (`export { a, b as c } from '…'`), by exported name → imported name. */
export function reexports(fileName: string, text: string, specifier: string): Map<string, string> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
  const names = new Map<string, string>()
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
      && statement.moduleSpecifier.text === specifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements)
        names.set(e.name.text, (e.propertyName ?? e.name).text)
    }
  }
  return names
}

/** Every use of the libraries `origin` names in `fileNames` (JavaScript files, read from disk). */
export function findUses(fileNames: readonly string[], origin: Origin): Use[] {
  const program = ts.createProgram(fileNames, { allowJs: true, noLib: true, noResolve: true, types: [], noEmit: true })
  const checker = program.getTypeChecker()
  const bound = new Map<ts.Symbol, Map<string, Value>>()
  const narrowed = new Map<ts.Symbol, { pos: number, end: number, values: Map<string, Value> }[]>()
  const uses = new Map<string, Use>()
  // Names that hold a library value somewhere: the checker (slow on JavaScript) is asked about these only.
  const names = new Set<string>()
  let changed = true

  const extend = (values: Value[], step: string): Value[] =>
    values.filter(v => v.path.length < MAX_STEPS).map(v => ({ lib: v.lib, path: [...v.path, step] }))

  function add(into: Map<string, Value>, values: Value[]) {
    for (const v of values) {
      const k = keyOf(v)
      if (!into.has(k)) {
        into.set(k, v)
        changed = true
      }
    }
  }

  function bind(name: ts.Node | undefined, values: Value[]) {
    if (!name || values.length === 0 || !(ts.isIdentifier(name) || ts.isPrivateIdentifier(name)))
      return
    const symbol = checker.getSymbolAtLocation(name)
    if (!symbol)
      return
    if (!names.has(name.text)) {
      names.add(name.text)
      changed = true
    }
    const into = bound.get(symbol) ?? new Map<string, Value>()
    bound.set(symbol, into)
    add(into, values)
  }

  /** What library values `expr` may hold. */
  function valuesOf(expr: ts.Expression): Value[] {
    if (ts.isParenthesizedExpression(expr) || ts.isAwaitExpression(expr) || ts.isNonNullExpression(expr)
      || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isTypeAssertionExpression(expr))
      return valuesOf(expr.expression)
    if (ts.isIdentifier(expr)) {
      const symbol = names.has(expr.text) ? checker.getSymbolAtLocation(expr) : undefined
      if (!symbol)
        return []
      const here = (narrowed.get(symbol) ?? []).filter(n => expr.pos >= n.pos && expr.end <= n.end).flatMap(n => [...n.values.values()])
      return [...(bound.get(symbol)?.values() ?? []), ...here]
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const field = names.has(expr.name.text) ? checker.getSymbolAtLocation(expr.name) : undefined
      return [...extend(valuesOf(expr.expression), expr.name.text), ...(field ? bound.get(field)?.values() ?? [] : [])]
    }
    if (ts.isElementAccessExpression(expr)) {
      const arg = expr.argumentExpression
      const step = ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg) ? arg.text : DYNAMIC
      return extend(valuesOf(expr.expression), step)
    }
    if (ts.isCallExpression(expr)) {
      const [arg] = expr.arguments
      if (expr.expression.kind === ts.SyntaxKind.ImportKeyword)
        return arg && ts.isStringLiteralLike(arg) ? root(arg.text, '*') : []
      return extend(valuesOf(expr.expression), CALL)
    }
    if (ts.isNewExpression(expr))
      return extend(valuesOf(expr.expression), NEW)
    if (ts.isConditionalExpression(expr))
      return [...valuesOf(expr.whenTrue), ...valuesOf(expr.whenFalse)]
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
        return [...valuesOf(expr.left), ...valuesOf(expr.right)]
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.EqualsToken)
        return valuesOf(expr.right)
    }
    return []
  }

  /** The value an import gives: the module (a namespace) or one of its exports. */
  function root(specifier: string, exportName: string): Value[] {
    const found = origin(specifier, exportName)
    return found ? [{ lib: found.lib, path: exportName === '*' ? [] : [found.name] }] : []
  }

  /** `a instanceof B` operands in an `if` condition (alone or in an `&&` chain). */
  function instanceofs(expr: ts.Expression): [ts.Identifier, ts.Expression][] {
    if (ts.isParenthesizedExpression(expr))
      return instanceofs(expr.expression)
    if (!ts.isBinaryExpression(expr))
      return []
    if (expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
      return [...instanceofs(expr.left), ...instanceofs(expr.right)]
    return expr.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && ts.isIdentifier(expr.left) ? [[expr.left, expr.right]] : []
  }

  /** The function or method a call goes to, when it is declared in the analysed files. */
  function callee(call: ts.CallExpression | ts.NewExpression): ts.SignatureDeclaration | undefined {
    const target = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression
    const declaration = checker.getSymbolAtLocation(target)?.valueDeclaration
    return declaration && ts.isFunctionLike(declaration) ? declaration : undefined
  }

  function record(node: ts.Expression, file: ts.SourceFile) {
    for (const v of valuesOf(node)) {
      const k = keyOf(v)
      if (!uses.has(k))
        uses.set(k, { ...v, at: `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}` })
    }
  }

  function visit(node: ts.Node, file: ts.SourceFile) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text
      const clause = node.importClause
      if (clause?.name)
        bind(clause.name, root(spec, 'default'))
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings))
        bind(clause.namedBindings.name, root(spec, '*'))
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const e of clause.namedBindings.elements) {
          const name = (e.propertyName ?? e.name).text
          bind(e.name, root(spec, name))
        }
      }
    }
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text
      const at = `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`
      // `export * from` hands on whatever the library has: a DYNAMIC use, nothing to check it against.
      const values = node.exportClause && ts.isNamedExports(node.exportClause)
        ? node.exportClause.elements.flatMap(e => root(spec, (e.propertyName ?? e.name).text))
        : extend(root(spec, '*'), DYNAMIC)
      for (const v of values)
        uses.set(keyOf(v), uses.get(keyOf(v)) ?? { ...v, at })
    }
    else if (ts.isVariableDeclaration(node) && node.initializer) {
      const values = valuesOf(node.initializer)
      if (ts.isIdentifier(node.name))
        bind(node.name, values)
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const e of node.name.elements) {
          const prop = e.propertyName ?? e.name
          if (!e.dotDotDotToken && ts.isIdentifier(e.name) && (ts.isIdentifier(prop) || ts.isStringLiteral(prop)))
            bind(e.name, extend(values, prop.text))
        }
      }
    }
    else if (ts.isPropertyDeclaration(node) && node.initializer)
      bind(node.name, valuesOf(node.initializer))
    else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken].includes(node.operatorToken.kind))
      bind(ts.isPropertyAccessExpression(node.left) ? node.left.name : node.left, valuesOf(node.right))
    else if (ts.isIfStatement(node)) {
      for (const [id, cls] of instanceofs(node.expression)) {
        const symbol = checker.getSymbolAtLocation(id)
        const values = extend(valuesOf(cls), NEW)
        if (!symbol || values.length === 0)
          continue
        names.add(id.text)
        const list = narrowed.get(symbol) ?? []
        narrowed.set(symbol, list)
        let scope = list.find(n => n.pos === node.thenStatement.pos)
        if (!scope) {
          scope = { pos: node.thenStatement.pos, end: node.thenStatement.end, values: new Map() }
          list.push(scope)
        }
        add(scope.values, values)
      }
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      node.arguments.forEach((arg, i) => {
        const values = ts.isSpreadElement(arg) ? [] : valuesOf(arg)
        const param = values.length > 0 ? callee(node)?.parameters[i] : undefined
        if (param && !param.dotDotDotToken && ts.isIdentifier(param.name))
          bind(param.name, values)
      })
    }
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node) || ts.isNewExpression(node))
      record(node, file)
    ts.forEachChild(node, child => visit(child, file))
  }

  const files = fileNames.map(f => program.getSourceFile(f)).filter((f): f is ts.SourceFile => f !== undefined)
  // Bindings feed each other (a field set in one method, read in another above it): repeat until nothing new is learnt.
  for (let pass = 0; changed && pass < 20; pass++) {
    changed = false
    for (const file of files)
      visit(file, file)
  }
  return [...uses.values()]
}
