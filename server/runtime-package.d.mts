export const RUNTIME_DEPENDENCIES: readonly string[]
export function runtimePackage(pkg: { name: string, version: string, type?: string, engines?: object, dependencies?: Record<string, string> }): {
  name: string
  version: string
  private: true
  type?: string
  engines?: object
  scripts: { start: string }
  dependencies: Record<string, string>
}
