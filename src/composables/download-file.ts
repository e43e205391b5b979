/**
 * Saves a Blob as a file through the browser: a Blob URL, revoked at once,
 * so nothing leaves the browser and no token ever sits in a URL.
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Saves text as a file (JSON unless told). */
export function downloadFile(name: string, text: string, type = 'application/json'): void {
  downloadBlob(name, new Blob([text], { type }))
}
