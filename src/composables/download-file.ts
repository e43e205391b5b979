/**
 * Saves text as a file through the browser: a Blob URL, revoked at once, so
 * nothing leaves the browser and no token ever sits in a URL.
 */
export function downloadFile(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
