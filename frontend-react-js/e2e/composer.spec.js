import { expect, test } from '@playwright/test';
import { saveScreenshot, signUpAndSignIn, uniqueUser, waitForApp } from './support';

// The composer as a person uses it: click Crud, type straight away (the keyboard, never fill(), so the text
// goes wherever the focus really is), and send with Control+Enter.
async function postWithTheKeyboard(page, crudText) {
  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await expect(composer).toBeVisible();
  await expect(composer.getByLabel('Message', { exact: true })).toBeFocused();
  await page.keyboard.type(crudText);
  await expect(composer.getByLabel('Message', { exact: true })).toHaveValue(crudText);
  await page.keyboard.press('Control+Enter');
  await expect(composer).toBeHidden();
  await expect(page.getByRole('region', { name: 'Home feed' }).getByRole('article').first()).toContainText(crudText);
}

// Issue 16, item 3: each dialog is named by its own title.
async function composerAndEditProfileAreNamedApart(page) {
  const user = uniqueUser();
  await signUpAndSignIn(page, user);
  await page.goto(`/@${user.handle}`);
  await waitForApp(page);

  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await expect(composer).toBeVisible();
  await expect(composer.getByLabel('Message', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(composer).toBeHidden();

  await page.getByRole('button', { name: 'Edit profile' }).click();
  const editProfile = page.getByRole('dialog', { name: 'Edit profile' });
  await expect(editProfile).toBeVisible();
  await expect(editProfile.getByLabel('Display name', { exact: true })).toBeVisible();
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('on a profile page the composer and Edit profile are each named by their own title', ({ page }) =>
    composerAndEditProfileAreNamedApart(page));

  test('a person clicks Crud in the side navigation, types and posts with Control+Enter', async ({ page }) => {
    const user = uniqueUser();
    await signUpAndSignIn(page, user);
    await postWithTheKeyboard(page, `Typed on a desktop by ${user.handle}`);
    await saveScreenshot(page, 'composer-keyboard-desktop');

    await test.step('Escape, then Discard, closes the composer without posting', async () => {
      await page.getByRole('button', { name: 'Crud' }).click();
      const composer = page.getByRole('dialog', { name: 'New crud' });
      await page.keyboard.type('Never mind');
      await page.keyboard.press('Escape');
      await composer.getByRole('button', { name: 'Discard' }).click();
      await expect(composer).toBeHidden();
      await expect(page.getByRole('region', { name: 'Home feed' })).not.toContainText('Never mind');
    });
  });

});

test.describe('at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('on a profile page the composer and Edit profile are each named by their own title', ({ page }) =>
    composerAndEditProfileAreNamedApart(page));

  test('a person taps the floating Crud button, types and posts with Control+Enter', async ({ page }) => {
    const user = uniqueUser();
    await signUpAndSignIn(page, user);
    await expect(page.getByRole('button', { name: 'Crud' })).toHaveCSS('position', 'fixed');
    await postWithTheKeyboard(page, `Typed on a phone by ${user.handle}`);
    await saveScreenshot(page, 'composer-keyboard-phone');
  });
});
