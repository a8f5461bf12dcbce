import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signUpAndSignIn, typeInto, uniqueUser, waitForApp } from './support';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a new profile picture is uploaded, processed and shown on the profile and in the feed', async ({ page }) => {
  test.setTimeout(120_000);
  const user = uniqueUser();
  await signUpAndSignIn(page, user);
  const { assets_base_url: assetsBaseUrl } = await (await page.request.get('/api/config')).json();
  // What the avatar handler writes under the assets URL: avatars/<uuid>/<random>-512.webp and -128.webp.
  const processedAvatar = (size) =>
    new RegExp(`^${escapeRegExp(assetsBaseUrl)}/avatars/[0-9a-f-]{36}/[0-9a-f]{32}-${size}\\.webp$`);
  const crudText = `My first crud with a picture ${Date.now().toString(36)}`;

  await test.step('post a crud, still with initials', async () => {
    await page.getByRole('button', { name: 'Crud' }).click();
    const composer = page.getByRole('dialog', { name: 'New crud' });
    await typeInto(composer.getByLabel('Message', { exact: true }), crudText);
    await composer.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('article').first()).toContainText(crudText);
    await expect(page.getByRole('article').first().locator('img.avatar')).toHaveCount(0);
  });

  await test.step('choose a picture in Edit profile; it uploads and is processed', async () => {
    await page.goto(`/@${user.handle}`);
    await waitForApp(page);
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit profile' });
    // Any PNG will do: this page, as the browser draws it.
    const picture = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 240 } });
    await dialog.getByLabel('Profile picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
    await expect(dialog.getByRole('status')).toHaveText('Your new picture is up.', { timeout: 30_000 });
    await saveScreenshot(page, 'avatar-uploaded');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('the profile and the navigation show the processed avatar', async () => {
    const headerAvatar = page.getByRole('region', { name: 'Profile' }).locator('.profile-avatar img');
    await expect(headerAvatar).toHaveAttribute('src', processedAvatar(512));
    await expect.poll(() => headerAvatar.evaluate((img) => img.naturalWidth)).toBe(512);
    const navigationAvatar = page.getByRole('navigation', { name: 'Main' }).locator('img.avatar');
    await expect(navigationAvatar).toHaveAttribute('src', processedAvatar(128));
  });

  await test.step('the feed shows it on the crud', async () => {
    await page.getByRole('link', { name: 'Home' }).first().click();
    await waitForApp(page);
    const crud = page.getByRole('article').filter({ hasText: crudText });
    const crudAvatar = crud.locator('img.avatar');
    await expect(crudAvatar).toHaveAttribute('src', processedAvatar(128));
    await expect.poll(() => crudAvatar.evaluate((img) => img.complete && img.naturalWidth)).toBe(128);
    await saveScreenshot(page, 'avatar-in-feed');
  });
});
