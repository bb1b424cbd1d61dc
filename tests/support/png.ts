/**
 * A PNG's pixels, for tests that look at what a picture shows (8-bit RGB or RGBA, not interlaced:
 * what a canvas's toBlob writes). fflate inflates; the row filters are undone here.
 */
import { unzlibSync } from 'fflate';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  rgba: Uint8Array;
}

export function decodePng(png: Uint8Array): Pixels {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const depth = data[8];
      const color = data[9];
      if (depth !== 8 || (color !== 2 && color !== 6) || data[12] !== 0) throw new Error(`PNG not 8-bit RGB(A), non-interlaced: depth ${depth}, color ${color}`);
      channels = color === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  let k = 0;
  for (const d of idat) joined.set(d, (k += d.length) - d.length);
  const raw = unzlibSync(joined);
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let v = line[i]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = cur[x * channels]!;
      out[o + 1] = cur[x * channels + 1]!;
      out[o + 2] = cur[x * channels + 2]!;
      out[o + 3] = channels === 4 ? cur[x * channels + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

/** The box holding every pixel that is not near white (what is drawn). */
export function drawnBox(p: Pixels): { left: number; top: number; right: number; bottom: number } {
  let left = p.width;
  let top = p.height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const o = (y * p.width + x) * 4;
      if (p.rgba[o + 3]! > 0 && p.rgba[o]! < 230 && p.rgba[o + 1]! < 230 && p.rgba[o + 2]! < 230) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        if (y > bottom) bottom = y;
      }
    }
  }
  return { left, top, right, bottom };
}

/** Runs of columns (along row y) whose pixel is close to `rgb`: the bars a horizontal line crosses. */
export function runsAlong(p: Pixels, y: number, rgb: readonly [number, number, number], tolerance = 12): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let start = -1;
  for (let x = 0; x <= p.width; x++) {
    const o = (y * p.width + x) * 4;
    const hit = x < p.width && Math.abs(p.rgba[o]! - rgb[0]) <= tolerance && Math.abs(p.rgba[o + 1]! - rgb[1]) <= tolerance && Math.abs(p.rgba[o + 2]! - rgb[2]) <= tolerance;
    if (hit && start < 0) start = x;
    if (!hit && start >= 0) {
      runs.push({ from: start, to: x - 1 });
      start = -1;
    }
  }
  return runs;
}

/** Dark pixels in a rectangle (text, lines). */
export function darkIn(p: Pixels, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y <= Math.min(p.height - 1, y1); y++) {
    for (let x = Math.max(0, x0); x <= Math.min(p.width - 1, x1); x++) {
      const o = (y * p.width + x) * 4;
      if (p.rgba[o]! < 110 && p.rgba[o + 1]! < 110 && p.rgba[o + 2]! < 110) n++;
    }
  }
  return n;
}
