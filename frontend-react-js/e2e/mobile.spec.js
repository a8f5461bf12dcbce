import { expect, test } from '@playwright/test';
import { saveScreenshot, signUpAndSignIn, uniqueUser, waitForApp } from './support';

// Issue 16, item 5: Cruddur on a phone. Everything here is done as a person does it: taps, the keyboard,
// Tab and Escape.

async function postWithTheKeyboard(page, crudText) {
  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await expect(composer.getByLabel('Message', { exact: true })).toBeFocused();
  await page.keyboard.type(crudText);
  await page.keyboard.press('Control+Enter');
  await expect(composer).toBeHidden();
}

test.describe('at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the Search tab of the bottom bar shows Trending and Suggested Users until a term is typed', async ({ page }) => {
    const user = uniqueUser();
    const tag = `#phone${Date.now().toString(36)}`;
    await signUpAndSignIn(page, user);
    await postWithTheKeyboard(page, `Trending on a phone ${tag}`);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/search/);
    await waitForApp(page);
    const main = page.getByRole('main');
    const trending = main.getByRole('region', { name: 'Trending' });
    await expect(trending).toBeVisible();
    await expect(trending.getByRole('link', { name: new RegExp(tag) })).toBeVisible();
    await expect(main.getByRole('region', { name: 'Suggested Users' })).toBeVisible();
    await saveScreenshot(page, 'phone-search-discover');

    await test.step('a trend opens its search, and the search box takes a term typed', async () => {
      await trending.getByRole('link', { name: new RegExp(tag) }).click();
      await expect(page).toHaveURL(/\/search\?term=/);
      await expect(main.getByRole('region', { name: 'Matching cruds' })).toContainText(`Trending on a phone ${tag}`);
      await expect(main.getByRole('region', { name: 'Trending' })).toHaveCount(0);
    });
  });

  test('Sign out is not a tab: it is on the Profile page and asks first (Escape cancels)', async ({ page }) => {
    const user = uniqueUser();
    await signUpAndSignIn(page, user);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await expect(navigation.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

    await navigation.getByRole('link', { name: 'Profile' }).click();
    await waitForApp(page);
    const signOut = page.getByRole('region', { name: 'Profile' }).getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const ask = page.getByRole('dialog', { name: 'Sign out of Cruddur?' });
    await expect(ask).toBeVisible();
    await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await saveScreenshot(page, 'phone-sign-out-asks');

    await page.keyboard.press('Escape');
    await expect(ask).toBeHidden();
    await expect(signOut).toBeFocused();
    await expect(page.getByRole('button', { name: 'Crud' })).toBeVisible();

    await test.step('Enter on the dialog’s Sign out signs out', async () => {
      await page.keyboard.press('Enter');
      await expect(ask).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(ask.getByRole('button', { name: 'Sign out' })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
      await expect(page.getByRole('button', { name: 'Crud' })).toHaveCount(0);
    });
  });

  test('the floating Crud button and its pencil are round and square, not squashed', async ({ page }) => {
    await signUpAndSignIn(page, uniqueUser());
    const crud = page.getByRole('button', { name: 'Crud' });
    const button = await crud.boundingBox();
    const icon = await crud.locator('svg').boundingBox();
    await saveScreenshot(page, 'phone-crud-button');
    expect(Math.abs(button.width - button.height), `button ${button.width}×${button.height}`).toBeLessThanOrEqual(2);
    expect(button.width).toBeGreaterThanOrEqual(44);
    expect(icon.width, `icon ${icon.width}×${icon.height}`).toBeGreaterThanOrEqual(20);
    expect(Math.abs(icon.width - icon.height), `icon ${icon.width}×${icon.height}`).toBeLessThanOrEqual(1);
  });
});

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('Sign out in the side navigation asks first; Escape cancels and the focus returns', async ({ page }) => {
    await signUpAndSignIn(page, uniqueUser());
    const signOut = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const ask = page.getByRole('dialog', { name: 'Sign out of Cruddur?' });
    await expect(ask).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(ask).toBeHidden();
    await expect(signOut).toBeFocused();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByRole('button', { name: 'Crud' })).toBeVisible();
  });
});
