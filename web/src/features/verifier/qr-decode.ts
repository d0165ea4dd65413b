// Reading QR codes in the browser with jsQR: from camera frames and from image files.
import jsQR from 'jsqr';

/** Images larger than this are scaled down before decoding (jsQR's cost grows with pixels). */
const MAX_SIDE = 1600;

/** The text of the QR code in an RGBA frame, or null when there is none. */
export function decodeFrame(data: Uint8ClampedArray, width: number, height: number): string | null {
  const found = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' });
  return found && found.data.length > 0 ? found.data : null;
}

/**
 * Draws `source` on `canvas` (scaled to at most MAX_SIDE) and decodes it; null when no QR code
 * is found. Throws when the canvas cannot be read.
 */
export function decodeDrawable(
  source: CanvasImageSource,
  width: number,
  height: number,
  canvas: HTMLCanvasElement,
): string | null {
  if (width === 0 || height === 0) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return decodeFrame(image.data, image.width, image.height);
}

/** Decodes the QR code of an image file; null when none is found. Throws when it is no image. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decodeDrawable(bitmap, bitmap.width, bitmap.height, document.createElement('canvas'));
  } finally {
    bitmap.close();
  }
}
