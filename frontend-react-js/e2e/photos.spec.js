import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signUpAndSignIn, typeInto, uniqueUser } from './support';

// Issue 17: photos in cruds, from the composer to the feed and the viewer, at both sizes, by mouse and by
// keyboard alone. The photos are PNGs the browser draws (screenshots of the page) at known sizes; the
// local worker runs the processing Lambda on them.
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
// Processing runs in the worker, which polls the local AWS's upload events.
const PROCESSED = { timeout: 45_000 };

/** A PNG of width×height drawn by the browser. */
const drawnPng = (page, name, width, height) =>
  page.screenshot({ clip: { x: 0, y: 0, width, height } }).then((buffer) => ({ name, mimeType: 'image/png', buffer }));

/** Presses Tab until `target` has the focus (as a keyboard user would), failing after `limit` presses. */
async function tabTo(page, target, limit = 40) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const composerOf = (page) => page.getByRole('dialog', { name: 'New crud' });
const crudWith = (page, text) => page.getByRole('article').filter({ hasText: text });

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('a crud with two photos and alt text is posted, shown in the feed and in the viewer; axe is clean', async ({ page }) => {
      test.setTimeout(150_000);
      const user = uniqueUser();
      await signUpAndSignIn(page, user);
      const text = `Two photos from ${user.handle}`;
      const wide = await drawnPng(page, 'wide.png', 320, 200);
      const tall = await drawnPng(page, 'tall.png', 150, 240);

      await test.step('pick two photos, describe them and post', async () => {
        await page.getByRole('button', { name: 'Crud' }).click();
        const composer = composerOf(page);
        await typeInto(composer.getByLabel('Message', { exact: true }), text);
        await composer.getByLabel('Choose photos').setInputFiles([wide, tall]);
        await expect(composer.getByRole('listitem')).toHaveCount(2);
        await expect(composer.getByText(/No alt text yet/)).toHaveCount(2);
        await typeInto(composer.getByLabel('Alt text for photo 1'), 'A wide strip of the page');
        await typeInto(composer.getByLabel('Alt text for photo 2'), 'A tall strip of the page');
        await expect(composer.getByText(/No alt text yet/)).toHaveCount(0);
        await expect(composer.getByRole('button', { name: 'Send' })).toBeEnabled(PROCESSED);
        await expectNoSeriousA11yViolations(page);
        await saveScreenshot(page, `photos-composer-${viewport.width}`);
        await composer.getByRole('button', { name: 'Send' }).click();
        await expect(composer).toBeHidden();
      });

      const crud = crudWith(page, text);
      const photos = crud.getByRole('button', { name: /strip of the page/ });
      await test.step('the feed shows both, in order, with alt text and their sizes before loading', async () => {
        await expect(photos).toHaveCount(2);
        const images = crud.locator('.media-grid img');
        await expect(images.nth(0)).toHaveAttribute('alt', 'A wide strip of the page');
        await expect(images.nth(1)).toHaveAttribute('alt', 'A tall strip of the page');
        await expect(images.nth(0)).toHaveAttribute('width', '320');
        await expect(images.nth(0)).toHaveAttribute('height', '200');
        await expect(images.nth(1)).toHaveAttribute('width', '150');
        // The processed previews load from their signed URLs.
        for (const index of [0, 1]) await expect.poll(() => images.nth(index).evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
        await saveScreenshot(page, `photos-feed-${viewport.width}`);
        await expectNoSeriousA11yViolations(page);
      });

      await test.step('the viewer shows each photo full size; arrows move, Escape closes and the focus returns', async () => {
        await photos.nth(0).click();
        const viewer = page.getByRole('dialog', { name: 'Photo 1 of 2' });
        await expect(viewer).toBeVisible();
        await expect(viewer.getByRole('img', { name: 'A wide strip of the page' })).toBeVisible();
        await expect.poll(() => viewer.getByRole('img').evaluate((img) => img.complete && img.naturalWidth)).toBe(320);
        await expectNoSeriousA11yViolations(page);
        await saveScreenshot(page, `photos-viewer-${viewport.width}`);
        await page.keyboard.press('ArrowRight');
        await expect(page.getByRole('dialog', { name: 'Photo 2 of 2' }).getByRole('img', { name: 'A tall strip of the page' })).toBeVisible();
        // The whole photo fits the screen.
        const box = await page.getByRole('dialog', { name: 'Photo 2 of 2' }).getByRole('img').boundingBox();
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog', { name: /Photo/ })).toBeHidden();
        await expect(photos.nth(0)).toBeFocused();
      });
    });

    test('a file the processor refuses shows its reason, and the crud is posted without it', async ({ page }) => {
      test.setTimeout(120_000);
      const user = uniqueUser();
      await signUpAndSignIn(page, user);
      await page.getByRole('button', { name: 'Crud' }).click();
      const composer = composerOf(page);
      const text = `No photo after all, ${user.handle}`;
      await typeInto(composer.getByLabel('Message', { exact: true }), text);
      await composer.getByLabel('Choose photos').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all\n') });

      await expect(composer.getByRole('alert')).toContainText("Photo 1 can't be used:", PROCESSED);
      await expect(composer.getByRole('button', { name: 'Send' })).toBeDisabled();
      await saveScreenshot(page, `photos-refused-${viewport.width}`);
      await composer.getByRole('button', { name: 'Remove photo 1' }).click();
      await composer.getByRole('button', { name: 'Send' }).click();
      await expect(crudWith(page, text)).toBeVisible();
      await expect(crudWith(page, text).locator('.media-grid')).toHaveCount(0);
    });
  });
}

test('keyboard only: photos picked, described, reordered and posted, then viewed, without the mouse', async ({ page }) => {
  test.setTimeout(150_000);
  const user = uniqueUser();
  await signUpAndSignIn(page, user);
  const first = await drawnPng(page, 'first.png', 200, 200);
  const second = await drawnPng(page, 'second.png', 240, 160);
  const text = `Typed, not clicked, ${user.handle}`;

  await tabTo(page, page.getByRole('button', { name: 'Crud' }));
  await page.keyboard.press('Enter');
  const composer = composerOf(page);
  await expect(composer.getByLabel('Message', { exact: true })).toBeFocused();
  await page.keyboard.type(text);

  // Add photos opens the system's file dialog; Playwright answers it. Waiting for it starts before the
  // tabbing, so Chromium intercepts file dialogs by the time Enter is pressed (a run under load missed it).
  const chooser = page.waitForEvent('filechooser');
  await tabTo(page, composer.getByRole('button', { name: 'Add photos' }));
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([first, second]);
  await expect(composer.getByRole('listitem')).toHaveCount(2);

  await tabTo(page, composer.getByLabel('Alt text for photo 2'));
  await page.keyboard.type('The wider one');
  await tabTo(page, composer.getByRole('button', { name: 'Move photo 2 earlier' }));
  await page.keyboard.press('Enter');
  // The moved photo keeps the focus, on the button still usable.
  await expect(composer.getByRole('button', { name: 'Move photo 1 later' })).toBeFocused();
  await expect(composer.getByLabel('Alt text for photo 1')).toHaveValue('The wider one');
  await tabTo(page, composer.getByLabel('Alt text for photo 2'));
  await page.keyboard.type('The square one');

  const send = composer.getByRole('button', { name: 'Send' });
  await expect(send).toBeEnabled(PROCESSED);
  await tabTo(page, send);
  await page.keyboard.press('Enter');
  await expect(composer).toBeHidden();

  const crud = crudWith(page, text);
  const photos = crud.getByRole('button', { name: /The (wider|square) one/ });
  await expect(photos).toHaveCount(2);
  await expect(photos.nth(0)).toHaveAccessibleName('The wider one');
  await tabTo(page, photos.nth(1));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Photo 2 of 2' }).getByRole('img', { name: 'The square one' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('dialog', { name: 'Photo 1 of 2' }).getByRole('img', { name: 'The wider one' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('dialog', { name: 'Photo 2 of 2' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: /Photo/ })).toBeHidden();
  await expect(photos.nth(1)).toBeFocused();
});
