import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signUpAndSignIn, uniqueUser, waitForApp } from './support';

// Issue 16, items 9 and 10: links inside a crud's text, the landmarks of the desktop search page, a
// malformed crud URL, and the signed-in pages (profile, notifications, messages), on a desktop and on a phone. Item 11: every page here, in the dark theme and in the light one (the system's setting,
// which the theme follows until the person chooses).
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
for (const viewport of VIEWPORTS) for (const colorScheme of ['dark', 'light']) {
  test.describe(`at ${viewport.width}×${viewport.height}, ${colorScheme}`, () => {
    test.use({ viewport });

    test('cruds with a #hashtag and an @mention, and the search page, pass axe', async ({ page }) => {
      test.setTimeout(150_000);
      await page.emulateMedia({ colorScheme });

      await test.step('the sign-in page, in the system theme', async () => {
        await page.goto('/signin');
        await waitForApp(page);
        await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
        await expectNoSeriousA11yViolations(page);
        await saveScreenshot(page, `a11y-${viewport.width}-${colorScheme}-signin`);
      });

      const user = uniqueUser();
      await signUpAndSignIn(page, user);
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('system');

      await test.step('the composer asking to keep a draft', async () => {
        await page.getByRole('button', { name: 'Crud' }).click();
        const composer = page.getByRole('dialog', { name: 'New crud' });
        await page.keyboard.type('A draft to ask about');
        await expectNoSeriousA11yViolations(page);
        await page.keyboard.press('Escape');
        await expect(composer.getByRole('alertdialog', { name: 'Keep this draft?' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await composer.getByRole('button', { name: 'Discard' }).click();
        await expect(composer).toBeHidden();
      });
      const tag = `#a11y${Date.now().toString(36)}`;
      // axe checks a link as "in a text block" only when the text around it is longer than the links.
      const crudText = `A sentence of ordinary words with links in the middle of it: ${tag} and @${user.handle} here, then more words so the links sit inside a block of text.`;

      await test.step('post a crud with a hashtag and a mention, with the keyboard', async () => {
        await page.getByRole('button', { name: 'Crud' }).click();
        const composer = page.getByRole('dialog', { name: 'New crud' });
        await expect(composer.getByLabel('Message', { exact: true })).toBeFocused();
        await page.keyboard.type(crudText);
        await page.keyboard.press('Control+Enter');
        await expect(composer).toBeHidden();
      });

      const crud = page.getByRole('region', { name: 'Home feed' }).getByRole('article').first();
      await expect(crud).toContainText(crudText);
      await expect(crud.getByRole('link', { name: tag })).toBeVisible();
      await expect(crud.getByRole('link', { name: `@${user.handle}`, exact: true })).toBeVisible();

      await test.step('the home feed: no link-in-text-block, nothing serious', async () => {
        const results = await new AxeBuilder({ page }).withRules(['link-in-text-block']).analyze();
        expect(results.violations.map((violation) => violation.id)).toEqual([]);
        await expectNoSeriousA11yViolations(page);
        await saveScreenshot(page, `a11y-${viewport.width}-${colorScheme}-home-links-in-text`);
      });

      await test.step('the search page: unique landmarks, nothing serious', async () => {
        await crud.getByRole('link', { name: tag }).click();
        await expect(page).toHaveURL(/\/search\?term=/);
        await waitForApp(page);
        await expect(page.getByRole('main')).toContainText(crudText);
        const results = await new AxeBuilder({ page }).withRules(['landmark-unique', 'link-in-text-block']).analyze();
        expect(results.violations.map((violation) => violation.id)).toEqual([]);
        await expectNoSeriousA11yViolations(page);
        await saveScreenshot(page, `a11y-${viewport.width}-${colorScheme}-search`);
      });

      await test.step('a malformed crud URL shows the not-found state, without "Try again"', async () => {
        await page.goto(`/@${user.handle}/status/not-a-uuid`);
        await waitForApp(page);
        const main = page.getByRole('main');
        await expect(main.getByText('This crud does not exist or has expired')).toBeVisible();
        await expect(main.getByRole('link', { name: 'Back to Home' })).toBeVisible();
        await expect(page.getByText(/is not a UUID/)).toHaveCount(0);
        await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
        await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
        await saveScreenshot(page, `a11y-${viewport.width}-${colorScheme}-status-not-a-uuid`);
      });

      await test.step('the crud, the profile, notifications and messages pages: nothing serious', async () => {
        for (const [name, path] of [
          ['profile', `/@${user.handle}`],
          ['notifications', '/notifications'],
          ['messages', '/messages'],
        ]) {
          await page.goto(path);
          await waitForApp(page);
          await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
          await expectNoSeriousA11yViolations(page);
          await saveScreenshot(page, `a11y-${viewport.width}-${colorScheme}-${name}`);
        }
      });
    });
  });
}
