import { chromium } from 'playwright-core';
const [base, credentials, outdir] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const shots = [
  ['files', '/files/Shared/Docs'], ['root', '/files'], ['trash', '/trash'], ['profile', '/profile'], ['recent', '/recent'], ['activity', '/activity'],
];
for (const [vw, vh, tag, scheme] of [[1920, 1080, 'wide', 'light'], [390, 844, 'phone', 'light'], [1280, 800, 'dark', 'dark']]) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: vw, height: vh }, colorScheme: scheme,
    extraHTTPHeaders: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } });
  const page = await context.newPage();
  page.on('console', m => { if (m.type() === 'error') console.log(`[${tag}] console: ${m.text()}`); });
  for (const [name, url] of shots) {
    await page.goto(url);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${outdir}/${tag}-${name}.png` });
  }
  await page.goto('/files/Shared/Docs');
  await page.locator('[data-testid=entry]').first().waitFor();
  await page.locator('[data-testid=entry][data-name="notes.md"]').click();
  const details = page.locator('[data-testid=details-button]');
  if (await details.count()) { await details.click(); await page.waitForTimeout(800); await page.screenshot({ path: `${outdir}/${tag}-details.png` }); }
  await page.locator('[data-testid=entry][data-name="notes.md"]').dblclick();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${outdir}/${tag}-preview.png` });
  await page.keyboard.press('Escape');
  const toggle = page.locator('[data-testid=view-toggle]');
  if (await toggle.count()) { await toggle.click(); await page.waitForTimeout(1000); await page.screenshot({ path: `${outdir}/${tag}-grid.png` }); await toggle.click(); }
  await context.close();
}
await browser.close();
