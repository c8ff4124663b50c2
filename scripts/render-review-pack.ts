// Renders the sample plan's review pack to PDF in Chromium (the same engine as Electron's printToPDF)
// and to PNG pages with pdftoppm, so a person can look at it: docs/screenshots/review-pack-*.png.
// Run: node --import tsx scripts/render-review-pack.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import * as Y from 'yjs';
import { openPlan } from '../shared/model/index.js';
import { buildSamplePlan } from '../shared/model/fixtures/sample-plan.js';
import { reviewPackDocument } from '../renderer/src/files/review-pack.js';
import { reviewPackCascadeImage } from '../renderer/src/files/review-pack-cascade.js';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';

const now = Date.UTC(2027, 2, 1, 12);
let counter = 0;
const ctx = { now: () => now, newId: () => `id${++counter}`, actor: 'review' };
const doc = new Y.Doc();
buildSamplePlan(doc, ctx, { name: 'Northwind Analytics 2027' });
const plan = openPlan(doc, ctx, { now });
plan.index.refresh(now);
const html = reviewPackDocument(plan.index, { planName: 'Northwind Analytics 2027', now, cascadeImage: reviewPackCascadeImage(plan.index, 'Northwind Analytics 2027') });

const out = path.resolve('.tmp/review-pack');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs });
const page = await browser.newPage();
await page.setContent(html, { waitUntil: 'load' });
const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
await browser.close();
const pdfPath = path.join(out, 'review-pack.pdf');
writeFileSync(pdfPath, pdf);
mkdirSync('docs/screenshots', { recursive: true });
execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdfPath, 'docs/screenshots/review-pack']);
console.log(`review pack: ${pdf.length} bytes PDF → ${pdfPath}; pages 1–2 as docs/screenshots/review-pack-*.png`);
