import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, typeInto } from './support';

// The API down at first load: the app's frame and a polite banner, retries on its own (honouring Retry-After,
// at once when the browser is back online), and it recovers without a reload.

const BANNER = "Can't reach Cruddur right now. Trying again automatically…";
const isApi = (url) => new URL(url).pathname.startsWith('/api/');

/**
 * Answers the page's API requests 503 with Retry-After while `down(refusedSoFar)`, then lets them through;
 * counts the requests for /api/config.
 */
async function apiDown(page, down, retryAfter) {
  const refused = { count: 0, configAsked: 0 };
  await page.route(isApi, async (route) => {
    if (new URL(route.request().url()).pathname === '/api/config') refused.configAsked += 1;
    if (!down(refused.count)) return route.continue();
    refused.count += 1;
    return route.fulfill({
      status: 503,
      headers: { 'Content-Type': 'application/json', 'Retry-After': String(retryAfter) },
      body: JSON.stringify({ errors: [{ code: 'unavailable', message: 'Cruddur is down for a moment', field: null }] }),
    });
  });
  return refused;
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('with the API down at first load: frame and banner, then it recovers on its own', async ({ browser }) => {
      const ana = await signedInPage(browser, 'Ana Offline');
      const { page } = ana;
      await page.setViewportSize(viewport);
      const api = await apiDown(page, (refused) => refused < 3, 1);

      await page.reload();
      const banner = page.getByRole('status').filter({ hasText: BANNER });
      await expect(banner).toBeVisible();
      await expect(banner).toHaveAttribute('aria-live', 'polite');
      const navigation = page.getByRole('navigation', { name: 'Main' });
      await expect(navigation.getByRole('link', { name: 'Home' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await saveScreenshot(page, `api-down-${viewport.width}`);
      await expectNoSeriousA11yViolations(page);
      await page.evaluate(() => {
        window.stillTheSamePage = true;
      });

      // Retry-After: 1, three refusals: back within a few seconds, signed in, without a reload.
      await expect(banner).toHaveCount(0, { timeout: 15_000 });
      await expect(page.getByRole('button', { name: 'Crud' })).toBeVisible();
      await expect(navigation.getByRole('link', { name: /Messages/ })).toBeVisible();
      // The feed came (everyone's cruds, or none yet on a fresh stack), not an error.
      await expect(page.getByRole('article').or(page.getByText('No cruds yet')).first()).toBeVisible();
      await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
      expect(await page.evaluate(() => window.stillTheSamePage)).toBe(true);
      expect(api.configAsked).toBeGreaterThanOrEqual(2);
      await page.context().close();
    });
  });
}

test('asks again at once when the browser comes back online', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // Retry-After: 60 — only coming back online can bring it back within this test.
  let down = true;
  const api = await apiDown(page, () => down, 60);
  await page.goto('/');
  const status = page.getByRole('status').filter({ hasText: /Can't reach Cruddur|offline/ });
  await expect(status).toHaveText(BANNER);
  await page.context().setOffline(true);
  await expect(status).toHaveText("You're offline. Cruddur will reconnect when you're back online.");
  const askedWhileDown = api.configAsked;
  down = false;
  await page.context().setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: /Can't reach Cruddur|offline/ })).toHaveCount(0, { timeout: 5000 });
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
  // Asked again at once, not after the minute Retry-After said (once more if the page's code, which could not
  // be fetched offline, was loaded again).
  expect(api.configAsked).toBeGreaterThan(askedWhileDown);
});

test("a page whose code cannot be fetched says so inside the frame, and Reload brings it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  // The search page's code is fetched when it is first visited; here that fetch fails, as offline or after a
  // deploy replaced it.
  const searchCode = (url) => /\/(src\/pages\/SearchPage\.jsx|assets\/SearchPage-[^/]*\.js)/.test(url.pathname);
  await page.route(searchCode, (route) => route.abort());
  await typeInto(page.getByRole('search').first().getByRole('searchbox'), 'anything');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'This page could not be loaded.' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.unroute(searchCode);
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page).toHaveURL(/\/search\?term=anything/);
  await expect(page.getByRole('heading', { level: 1, name: /Search/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'This page could not be loaded.' })).toHaveCount(0);
});
