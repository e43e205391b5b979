import { downloadBlob } from './download-file'

/** Canvas sides and area browsers still draw (Chrome: 32767 px a side, about 268 M pixels). */
const MAX_SIDE = 16_000
const MAX_AREA = 60_000_000

export interface UseMapExportReturn {
  /** Saves the SVG document as a file. */
  saveSvg: (svg: string, name: string) => void
  /** Draws the SVG into a canvas (twice the size where it fits) and saves it as PNG; rejects when the browser cannot. */
  savePng: (svg: string, name: string) => Promise<void>
}

function svgSize(svg: string): { width: number, height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg)
  return { width: Number(m?.[1] ?? 800), height: Number(m?.[2] ?? 600) }
}

/**
 * The relation map's exports (issue 21): the SVG the domain builds from the
 * layout, and a PNG drawn from that SVG in a canvas. Both are saved through
 * a Blob URL: nothing leaves the browser.
 */
export function useMapExport(): UseMapExportReturn {
  function saveSvg(svg: string, name: string) {
    downloadBlob(name, new Blob([svg], { type: 'image/svg+xml' }))
  }

  async function savePng(svg: string, name: string): Promise<void> {
    const { width, height } = svgSize(svg)
    const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)))
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
    try {
      const img = new Image()
      img.decoding = 'async'
      await new Promise<void>((resolve, reject) => {
        img.onload = () => resolve()
        img.onerror = () => reject(new Error('the SVG could not be drawn'))
        img.src = url
      })
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.floor(width * scale))
      canvas.height = Math.max(1, Math.floor(height * scale))
      const ctx = canvas.getContext('2d')
      if (!ctx)
        throw new Error('no 2D canvas')
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
      const blob = await new Promise<Blob | null>(resolve => canvas.toBlob(resolve, 'image/png'))
      if (!blob)
        throw new Error('the canvas gave no PNG')
      downloadBlob(name, blob)
    }
    finally {
      URL.revokeObjectURL(url)
    }
  }

  return { saveSvg, savePng }
}
