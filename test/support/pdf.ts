import { spawnSync } from 'node:child_process';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with types that declare an ES default export, which NodeNext puts on `.default`.
const decodeQr = jsqr.default;

/** The QR code in a PNG image (a screenshot), read by jsQR. */
export function qrOfPng(image: Buffer): string | undefined {
  const png = PNG.sync.read(image);
  return decodeQr(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** The first QR code on page 1 of a PDF, rendered by poppler at 150 dpi and read by jsQR. */
export function qrOf(pdf: Buffer): string | undefined {
  const out = spawnSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`pdftoppm failed: ${out.stderr.toString()}`);
  return qrOfPng(out.stdout);
}
