import { encodePng } from './png.js';

/**
 * The kernel's logo, drawn from one description: a rounded dark-teal square crossed by three
 * parallel waves (laminar flow). `logoSvg()` writes it as SVG (JupyterLab's launcher),
 * `logoPng(size)` rasterizes it (4×4 samples per pixel) for logo-32x32.png and logo-64x64.png.
 * Drawn by code so the repository holds no binary files.
 */
const BACKGROUND: Rgb = [15, 76, 92];
const WAVES: readonly { y: number; color: Rgb }[] = [
  { y: 0.32, color: [127, 219, 218] },
  { y: 0.5, color: [255, 255, 255] },
  { y: 0.68, color: [244, 162, 89] },
];
const AMPLITUDE = 0.06;
const THICKNESS = 0.085;
const RADIUS = 0.18;

type Rgb = readonly [number, number, number];

function waveY(base: number, x: number): number {
  return base + AMPLITUDE * Math.sin(2 * Math.PI * (x - 0.1));
}

function insideRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, RADIUS), 1 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 1 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

/** The color at a point of the unit square, or null outside the logo. */
function colorAt(x: number, y: number): Rgb | null {
  if (!insideRoundedSquare(x, y)) return null;
  for (const w of WAVES) {
    // Vertical distance, corrected for the slope so the stroke has an even width.
    const slope = AMPLITUDE * 2 * Math.PI * Math.cos(2 * Math.PI * (x - 0.1));
    if (Math.abs(y - waveY(w.y, x)) / Math.sqrt(1 + slope * slope) <= THICKNESS / 2 && x >= 0.14 && x <= 0.86) return w.color;
  }
  return BACKGROUND;
}

export function logoPng(size: number): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colorAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (c === null) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return encodePng(size, size, rgba);
}

export function logoSvg(): string {
  const s = 64;
  const hex = (c: Rgb): string => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
  const path = (base: number): string => {
    const points: string[] = [];
    for (let i = 0; i <= 36; i++) {
      const x = 0.14 + (0.72 * i) / 36;
      points.push(`${(x * s).toFixed(2)},${(waveY(base, x) * s).toFixed(2)}`);
    }
    return `M${points.join(' L')}`;
  };
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">`,
    `  <title>LaminarDB</title>`,
    `  <rect width="${s}" height="${s}" rx="${RADIUS * s}" fill="${hex(BACKGROUND)}"/>`,
    ...WAVES.map((w) => `  <path d="${path(w.y)}" fill="none" stroke="${hex(w.color)}" stroke-width="${(THICKNESS * s).toFixed(2)}" stroke-linecap="butt"/>`),
    `</svg>`,
    '',
  ].join('\n');
}
