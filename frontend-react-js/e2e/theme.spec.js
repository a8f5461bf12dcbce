import { expect, test } from '@playwright/test';
import { saveScreenshot, signUpAndSignIn, uniqueUser, waitForApp } from './support';

// Issue 16, item 11: light and dark themes. The theme follows the system until the person chooses, the choice
// is remembered, and it is on <html> before the app's own code runs (no flash of the other theme).

const html = (page) => page.locator('html');
const pageBackground = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function themeJourney(page, screenshotName) {
  await page.emulateMedia({ colorScheme: 'dark' });
  const user = uniqueUser();
  await signUpAndSignIn(page, user);
  const themeSwitch = page.getByRole('combobox', { name: 'Theme' });

  await test.step('System follows the device, also when it changes', async () => {
    await expect(themeSwitch).toHaveValue('system');
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    const dark = await pageBackground(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    expect(await pageBackground(page)).not.toBe(dark);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  });

  await test.step('choosing Light with the keyboard applies it over a dark system', async () => {
    // The switch comes right after the Crud button in the Tab order.
    await page.getByRole('button', { name: 'Crud' }).focus();
    await page.keyboard.press('Tab');
    await expect(themeSwitch).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(themeSwitch).toHaveValue('light');
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await saveScreenshot(page, `${screenshotName}-light`);
  });

  await test.step('the choice is on <html> before the app runs: no flash of dark', async () => {
    // With the app's code held back, only the pre-paint script can have set the theme.
    await page.route('**/src/main.jsx*', (route) => route.abort());
    await page.reload();
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await page.unroute('**/src/main.jsx*');
    await page.reload();
    await waitForApp(page);
    await expect(themeSwitch).toHaveValue('light');
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
  });

  await test.step('Dark, then System again', async () => {
    await themeSwitch.selectOption('dark');
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(html(page)).toHaveAttribute('data-theme', 'dark');
    await themeSwitch.selectOption('system');
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await waitForApp(page);
    await expect(themeSwitch).toHaveValue('system');
    await expect(html(page)).toHaveAttribute('data-theme', 'light');
  });
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test('the theme follows the system, and the switch chooses Light or Dark for good', async ({ page }) => {
    await themeJourney(page, 'theme-desktop');
  });
});

test.describe('at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the theme follows the system, and the switch chooses Light or Dark for good', async ({ page }) => {
    await themeJourney(page, 'theme-phone');
  });
});
