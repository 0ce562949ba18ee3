import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { ICON_SIZES } from '../constants';

/**
 * Draws Quorum's two Teams icons: a "Q" (a ring with a tail). The colour icon is the white Q
 * on the accent colour, fully opaque, 192×192; the outline icon is the same Q in pure white on a
 * transparent background, 32×32, as Teams requires. Drawn from geometry (4×4 supersampling for
 * smooth edges) so the PNGs in this folder can be regenerated and checked exactly:
 *
 *   node --import tsx manifest/icons/make-icons.ts
 */

/** The manifest's accentColor (#2E5C8A). */
export const ACCENT = { r: 0x2e, g: 0x5c, b: 0x8a } as const;
const SUBSAMPLES = 4;

/** The Q in a unit square: is (x, y) ∈ [0,1]² ink? */
function inQ(x: number, y: number): boolean {
  const cx = 0.47;
  const cy = 0.47;
  const d = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2);
  if (d >= 0.22 && d <= 0.33) return true;
  return distanceToSegment(x, y, 0.58, 0.58, 0.78, 0.78) <= 0.055;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.sqrt((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2);
}

/** Share of the pixel covered by the Q, 0..1. */
function coverage(px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      if (inQ((px + (sx + 0.5) / SUBSAMPLES) / size, (py + (sy + 0.5) / SUBSAMPLES) / size)) hits++;
    }
  }
  return hits / (SUBSAMPLES * SUBSAMPLES);
}

function draw(size: number, pixel: (cover: number) => [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const [r, g, b, a] = pixel(coverage(x, y, size));
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return png;
}

export function drawColorIcon(): PNG {
  const mix = (from: number, cover: number) => Math.round(from + (255 - from) * cover);
  return draw(ICON_SIZES.color, (c) => [mix(ACCENT.r, c), mix(ACCENT.g, c), mix(ACCENT.b, c), 255]);
}

export function drawOutlineIcon(): PNG {
  // White everywhere; only the alpha channel carries the shape.
  return draw(ICON_SIZES.outline, (c) => [255, 255, 255, Math.round(255 * c)]);
}

export const ICON_FILES = { color: path.join(__dirname, 'color.png'), outline: path.join(__dirname, 'outline.png') } as const;

if (require.main === module) {
  fs.writeFileSync(ICON_FILES.color, PNG.sync.write(drawColorIcon()));
  fs.writeFileSync(ICON_FILES.outline, PNG.sync.write(drawOutlineIcon()));
  process.stdout.write(`wrote ${ICON_FILES.color} and ${ICON_FILES.outline}\n`);
}
