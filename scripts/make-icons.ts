// Renders assets/icon.svg into the PNG sizes the packagers need (assets/icons/NxN.png for Linux,
// assets/icon.png 1024 px) with Chromium, and packs them into assets/icon.ico (Windows) and
// assets/icon.icns (macOS) — both containers hold PNG images, so no other tool is needed.
// Run: node --import tsx scripts/make-icons.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';

const svg = readFileSync('assets/icon.svg', 'utf8');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
const png = new Map<number, Buffer>();
for (const size of sizes) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  png.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  await page.close();
}
await browser.close();
mkdirSync('assets/icons', { recursive: true });
for (const size of sizes.filter((size) => size <= 512)) writeFileSync(`assets/icons/${size}x${size}.png`, png.get(size)!);
writeFileSync('assets/icon.png', png.get(1024)!);

// ICO: a directory of PNG images (Vista and later read PNG entries); 256 is written as 0.
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((size, index) => {
  const data = png.get(size)!;
  const entry = 6 + 16 * index;
  header.writeUInt8(size >= 256 ? 0 : size, entry); header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
  header.writeUInt16LE(1, entry + 4); header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(data.length, entry + 8); header.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
writeFileSync('assets/icon.ico', Buffer.concat([header, ...icoSizes.map((size) => png.get(size)!)]));

// ICNS: 'icns' + length, then typed PNG chunks (ic07 128, ic08 256, ic09 512, ic10 1024 = 512@2x).
const chunks = ([['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]] as const).map(([type, size]) => {
  const data = png.get(size)!;
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii'); head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii'); icnsHead.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
writeFileSync('assets/icon.icns', Buffer.concat([icnsHead, ...chunks]));
console.log(`icons: ${sizes.join(', ')} px PNG, icon.ico (${icoSizes.length} sizes), icon.icns (4 sizes)`);
