import { expect, test } from '@playwright/test';
import { saveScreenshot, signedInPage, waitForApp } from './support';

// Server state through TanStack Query: one request per list, optimistic likes that roll back, infinite
// scroll, the scroll position kept on Back, edits and trends that reach the cached lists without a reload.

const isGet = (request, path) => request.method() === 'GET' && new URL(request.url()).pathname === path;

/** Counts the GET requests to `path` from now on. */
function countRequests(page, path) {
  const counter = { count: 0 };
  page.on('request', (request) => {
    if (isGet(request, path)) counter.count += 1;
  });
  return counter;
}

/** Posts through the API with the page's own session (setup for lists longer than a page, not what is tested). */
async function postCruds(page, messages) {
  const token = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.accessToken'));
    return localStorage.getItem(key);
  });
  for (const message of messages) {
    const response = await page.request.post('/api/activities', {
      data: { message, ttl: '1-day' },
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status()).toBe(201);
  }
}

/** Opens the composer from the side navigation, types like a person and posts with Control+Enter. */
async function postWithComposer(page, text) {
  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await expect(composer.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect(composer).toBeHidden();
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('Home is asked for once per load, anonymous and signed in', async ({ browser, page }) => {
      const anonymous = countRequests(page, '/api/activities/home');
      await page.goto('/');
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await page.waitForTimeout(1000); // room for a second request, were there one
      expect(anonymous.count).toBe(1);

      const ana = await signedInPage(browser, 'Ana Once');
      await ana.page.setViewportSize(viewport);
      const signedIn = countRequests(ana.page, '/api/activities/home');
      await ana.page.reload();
      await waitForApp(ana.page);
      await expect(ana.page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await ana.page.waitForTimeout(1000);
      expect(signedIn.count).toBe(1);
      await ana.page.context().close();
    });

    test('a new display name shows on my cruds at once, without a reload', async ({ browser }) => {
      const { page, user } = await signedInPage(browser, 'Eve Editor');
      await page.setViewportSize(viewport);
      const text = `Before the rename ${user.handle}`;
      await postWithComposer(page, text);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
      await waitForApp(page);
      const list = page.getByRole('region', { name: `Cruds by @${user.handle}` });
      await expect(list.getByRole('article', { name: 'Crud by Eve Editor' })).toContainText(text);
      await page.evaluate(() => {
        window.notReloaded = true;
      });

      await page.getByRole('button', { name: 'Edit profile' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit profile' });
      await dialog.getByLabel('Display name').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Eve Renamed');
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();

      await expect(list.getByRole('article', { name: 'Crud by Eve Renamed' })).toContainText(text);
      await expect(list.getByRole('article', { name: 'Crud by Eve Editor' })).toHaveCount(0);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
      await expect(page.getByRole('region', { name: 'Home feed' }).getByRole('article').filter({ hasText: text })).toHaveAccessibleName(
        'Crud by Eve Renamed',
      );
      expect(await page.evaluate(() => window.notReloaded)).toBe(true);
      await page.context().close();
    });

    test('a like shows at once, cannot be pressed twice, and rolls back with a toast when the API fails', async ({ browser }) => {
      const { page, user } = await signedInPage(browser, 'Lia Liker');
      await page.setViewportSize(viewport);
      const text = `Like me or not ${user.handle}`;
      await postWithComposer(page, text);
      const crud = page.getByRole('region', { name: 'Home feed' }).getByRole('article').filter({ hasText: text });

      // The one like request fails with 503, after a moment so the optimistic state can be seen.
      let likeRequests = 0;
      await page.route('**/api/activities/*/like', async (route) => {
        likeRequests += 1;
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.fulfill({
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '5' },
          body: JSON.stringify({ errors: [{ code: 'unavailable', message: 'Cruddur is busy. Try again soon.', field: null }] }),
        });
      });

      await crud.getByRole('button', { name: 'Like (0)' }).click();
      const unlike = crud.getByRole('button', { name: 'Unlike (1)' });
      await expect(unlike).toHaveAttribute('aria-pressed', 'true', { timeout: 500 });
      await expect(unlike).toHaveAttribute('aria-disabled', 'true');
      await expect(unlike).toBeFocused();
      await page.keyboard.press('Enter'); // pressed again while the first is on its way: nothing happens
      await page.keyboard.press('Space');

      const like = crud.getByRole('button', { name: 'Like (0)' });
      await expect(like).toHaveAttribute('aria-pressed', 'false');
      await expect(page.getByRole('status').filter({ hasText: 'Could not like this crud: Cruddur is busy. Try again soon.' })).toBeVisible();
      expect(likeRequests).toBe(1);
      await saveScreenshot(page, `like-rolled-back-${viewport.width}`);

      await page.unroute('**/api/activities/*/like');
      await like.focus();
      await page.keyboard.press('Enter');
      await expect(crud.getByRole('button', { name: 'Unlike (1)' })).not.toHaveAttribute('aria-disabled');
      await page.reload();
      await waitForApp(page);
      await expect(crud.getByRole('button', { name: 'Unlike (1)' })).toBeVisible();
      await page.context().close();
    });
  });
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the feed loads the next page on scroll, and Back from a crud returns to the same place', async ({ browser }) => {
    test.setTimeout(150_000);
    const { page, user } = await signedInPage(browser, 'Sam Scroller');
    const messages = Array.from({ length: 45 }, (_, index) => `Scroll crud ${index + 1} of ${user.handle}`);
    await postCruds(page, messages);
    await page.goto(`/@${user.handle}`);
    await waitForApp(page);
    const list = page.getByRole('region', { name: `Cruds by @${user.handle}` });
    await expect(list.getByRole('article')).toHaveCount(20);

    await test.step('scrolling to the end brings the next page, without pressing Load more', async () => {
      await page.keyboard.press('End');
      await expect(list.getByRole('article')).toHaveCount(40);
      await page.keyboard.press('End');
      await expect(list.getByRole('article')).toHaveCount(45);
      await expect(list.getByRole('button', { name: 'Load more' })).toHaveCount(0);
    });

    await test.step('Back from a crud puts the list where it was', async () => {
      const target = list.getByRole('article').filter({ hasText: messages[44 - 30] });
      await target.scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 100);
      await page.waitForTimeout(300);
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(2000);
      await target.getByText(messages[44 - 30]).click();
      await expect(page).toHaveURL(/\/status\//);
      await expect(page.getByRole('heading', { level: 1, name: 'Crud' })).toBeVisible();
      await page.goBack();
      await expect(list.getByRole('article')).toHaveCount(45);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 50);
      expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(50);
      await expect(target).toBeInViewport();
    });
    await page.context().close();
  });

  test('trends follow cruds that come and go without a reload, and refresh every minute', async ({ browser }) => {
    const { page, user } = await signedInPage(browser, 'Tess Trender');
    await page.clock.install();
    await page.reload();
    await waitForApp(page);
    const trending = page.getByRole('region', { name: 'Trending' });
    // Ties in the top five go by tag: '#0' and a number that shrinks with time put this run's tag first.
    const tag = `#0${(1e13 - Date.now()).toString(36).padStart(9, '0')}${user.handle.slice(-3)}`;
    const trend = trending.getByRole('link').filter({ hasText: tag });

    await test.step('a crud with a new hashtag puts it in the trends', async () => {
      await postWithComposer(page, `Trying ${tag}`);
      await expect(trend).toContainText('1 crud');
    });

    await test.step('deleting its only crud takes it out', async () => {
      page.once('dialog', (dialog) => dialog.accept());
      const crud = page.getByRole('region', { name: 'Home feed' }).getByRole('article').filter({ hasText: `Trying ${tag}` });
      await crud.getByRole('button', { name: 'Delete' }).click();
      await expect(crud).toHaveCount(0);
      await expect(trend).toHaveCount(0);
    });

    await test.step('a hashtag someone else uses shows up within a minute', async () => {
      const other = await signedInPage(browser, 'Olga Other');
      await postWithComposer(other.page, `Also ${tag}`);
      await other.page.context().close();
      await page.waitForTimeout(500);
      await expect(trend).toHaveCount(0);
      await page.clock.fastForward(61_000);
      await expect(trend).toContainText('1 crud');
    });
    await page.context().close();
  });
});
