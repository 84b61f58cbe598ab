// Measures the file manager in Debian's Chromium: first rows of a huge folder, a jump to its middle,
// smooth scrolling, and a browser upload through the upload panel. Prints key=value lines.
//   node measure.mjs <base> <email:password> <folder> [file-to-upload] [small-file-to-upload-first]
import { chromium } from 'playwright-core';

const [base, credentials, folder, upload, warmup] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({
  baseURL: base,
  extraHTTPHeaders: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  viewport: { width: 1920, height: 1080 },
});
const page = await context.newPage();
page.setDefaultTimeout(120_000);
const kv = (k, v) => console.log(`${k}=${v}`);

// Warm-up: the first page of a fresh host pays for JIT and the circuit's first render.
await page.goto('/files/Shared');
await page.locator('[data-testid=entry]').first().waitFor();

// First render: navigation start to the first rows of the listing on screen.
const started = Date.now();
await page.goto(`/files${folder.split('/').map(encodeURIComponent).join('/')}`);
await page.locator('[data-testid=entry]').first().waitFor();
kv('browser.first_rows_ms', Date.now() - started);

// A jump to the middle: how long until the rows there are drawn (not placeholders).
const jump = await page.evaluate(async () => {
  const listing = document.querySelector('.strata-listing');
  const t0 = performance.now();
  listing.scrollTop = listing.scrollHeight / 2;
  const middle = () => [...document.querySelectorAll('[data-testid=entry]')].some((r) => {
    const box = r.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  while (!middle()) await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - t0;
});
kv('browser.jump_to_middle_ms', jump.toFixed(0));

// Smooth scrolling for three seconds: frames drawn and the longest frame.
const scroll = await page.evaluate(async () => {
  const listing = document.querySelector('.strata-listing');
  const frames = [];
  let last = performance.now();
  const end = last + 3000;
  while (performance.now() < end) {
    listing.scrollTop += 40;
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  return { fps: frames.length / 3, p95: frames[Math.floor(frames.length * 0.95)], max: frames[frames.length - 1] };
});
kv('browser.scroll_fps', scroll.fps.toFixed(1));
kv('browser.scroll_frame_p95_ms', scroll.p95.toFixed(1));

// Uploads through the panel on a fresh page: seconds from choosing the file to the panel reporting it done.
async function uploadThroughPanel(file) {
  await page.goto('/files/Shared');
  await page.locator('[data-testid=upload-files-input][data-ready=true]').waitFor({ state: 'attached' });
  const t0 = Date.now();
  await page.getByTestId('upload-files-input').setInputFiles(file);
  await page.getByTestId('upload-summary').filter({ hasText: '1 uploaded' }).waitFor({ timeout: 900_000 });
  return (Date.now() - t0) / 1000;
}

if (upload) {
  // Warm-up, as for the listing: the first upload of a fresh host pays for JIT of the tus path (curl's PUT path
  // was already warmed by creating the folder's entries).
  if (warmup) await uploadThroughPanel(warmup);
  kv('browser.upload_s', (await uploadThroughPanel(upload)).toFixed(2));
}

await browser.close();
