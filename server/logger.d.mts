export function pathOnly(url: string | undefined): string
export const safeSerializers: {
  req: (req: { method?: string, url?: string }) => { method?: string, path: string }
  res: (res: { statusCode?: number }) => { statusCode?: number }
  err: (err: { name?: string, code?: string, statusCode?: number, message?: string }) => Record<string, unknown>
}
export function loggerOptions(options?: { level?: string, stream?: { write: (line: string) => void } }): Record<string, unknown>
