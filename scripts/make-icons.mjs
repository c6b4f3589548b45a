// Draws the toolbar icon (a speech bubble with a clock hand) as PNGs at the sizes the manifest lists.
// Kept as code so the icon can be regenerated without an image editor: `node scripts/make-icons.mjs`.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function pixel(x, y, size) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const dx = u - 0.5;
  const dy = v - 0.46;
  const inBubble = dx * dx + dy * dy < 0.42 * 0.42;
  const inTail = v > 0.7 && v < 0.95 && u > 0.22 && u < 0.42 && u - 0.22 < (0.95 - v) * 0.8;
  if (!inBubble && !inTail) return [0, 0, 0, 0];
  const r = Math.hypot(dx, dy);
  const hand1 = Math.abs(dx) < 0.045 && dy < 0 && dy > -0.26; // minute hand up
  const hand2 = Math.abs(dy) < 0.045 && dx > 0 && dx < 0.2; // hour hand right
  const ring = r > 0.3 && r < 0.345;
  if (hand1 || hand2 || ring) return [255, 255, 255, 255];
  return [24, 119, 242, 255];
}

function png(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const p = pixel(x, y, size);
      for (let i = 0; i < 4; i++) raw[y * (size * 4 + 1) + 1 + x * 4 + i] = p[i];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
