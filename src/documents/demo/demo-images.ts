import { deflateSync } from 'node:zlib';

/**
 * Transparent PNGs for the demo: a blue handwritten-like signature and a red round seal, drawn pixel
 * by pixel (no image library). Real ones are the signer's scanned signature and the seal's image.
 */
function crcTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const CRC = crcTable();
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encodes RGBA pixels (width × height × 4) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function canvas(w: number, h: number) {
  const px = new Uint8Array(w * h * 4);
  const dot = (x: number, y: number, r: number, [cr, cg, cb]: [number, number, number]) => {
    for (let yy = Math.floor(y - r); yy <= Math.ceil(y + r); yy++) {
      for (let xx = Math.floor(x - r); xx <= Math.ceil(x + r); xx++) {
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const d = Math.hypot(xx - x, yy - y);
        const a = Math.max(0, Math.min(1, r - d + 0.5));
        const i = (yy * w + xx) * 4;
        if (a * 255 > (px[i + 3] ?? 0)) {
          px[i] = cr;
          px[i + 1] = cg;
          px[i + 2] = cb;
          px[i + 3] = Math.round(a * 255);
        }
      }
    }
  };
  return { px, dot };
}

/** A blue signature-like flourish, 360×150. */
export function demoSignaturePng(): Buffer {
  const w = 360;
  const h = 150;
  const { px, dot } = canvas(w, h);
  const blue: [number, number, number] = [26, 61, 156];
  for (let t = 0; t <= 1; t += 0.0004) {
    const x = 20 + t * 300 + 18 * Math.sin(t * 40);
    const y = 80 - 38 * Math.sin(t * 9) * Math.exp(-t * 1.3) + 14 * Math.cos(t * 40);
    dot(x, y, 2.2 + Math.sin(t * 13), blue);
  }
  for (let t = 0; t <= 1; t += 0.001) dot(60 + t * 260, 118 - t * 18, 1.6, blue);
  return encodePng(w, h, px);
}

/** A red round seal (rings and a star; no lettering), 400×400. */
export function demoSealPng(): Buffer {
  const s = 400;
  const { px, dot } = canvas(s, s);
  const red: [number, number, number] = [208, 22, 27];
  const c = s / 2;
  for (const [r, wdt] of [
    [196, 4],
    [182, 1.5],
    [118, 2],
  ] as const) {
    for (let a = 0; a < Math.PI * 2; a += 0.6 / r) dot(c + r * Math.cos(a), c + r * Math.sin(a), wdt, red);
  }
  for (let a = 0; a < Math.PI * 2; a += Math.PI / 24) {
    for (let r = 130; r < 172; r += 1) dot(c + r * Math.cos(a), c + r * Math.sin(a), 1.2, red);
  }
  for (let y = -60; y <= 60; y++) {
    for (let x = -60; x <= 60; x++) {
      const ang = Math.atan2(y, x) + Math.PI / 2;
      const rr = Math.hypot(x, y);
      const k =
        Math.cos(Math.PI / 5) /
        Math.cos((((ang % ((2 * Math.PI) / 5)) + (2 * Math.PI) / 5) % ((2 * Math.PI) / 5)) - Math.PI / 5);
      if (rr < 60 * 0.5 * k + 8) dot(c + x, c + y, 0.7, red);
    }
  }
  return encodePng(s, s, px);
}
