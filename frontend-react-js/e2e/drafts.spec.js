import { expect, test } from '@playwright/test';
import { saveScreenshot, signUpAndSignIn, uniqueUser, waitForApp } from './support';

// Issue 16, item 2: a crud typed and not posted is kept (per person, across reloads) and never thrown away
// without asking. Driven as a person does: click, type with the keyboard, Tab, Escape.

const DRAFT_KEY = /^cruddur:draft:/;
const draftsInStorage = (page) =>
  page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith('cruddur:draft:')));

async function openComposer(page) {
  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await expect(composer).toBeVisible();
  return composer;
}

async function draftJourney(page, user, screenshotName) {
  const text = `A thought half-written by ${user.handle}`;
  const crudButton = page.getByRole('button', { name: 'Crud' });

  const composer = await openComposer(page);
  const message = composer.getByLabel('Message', { exact: true });
  await expect(message).toBeFocused();
  await page.keyboard.type(text);
  await composer.getByLabel('Expires after').selectOption('1-hour');

  await test.step('Escape asks; Keep draft (reached with Tab and Shift+Tab) closes, and reopening restores it', async () => {
    await message.click();
    await page.keyboard.press('Escape');
    const prompt = composer.getByRole('alertdialog', { name: 'Keep this draft?' });
    await expect(prompt).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Keep draft' })).toBeFocused();
    await saveScreenshot(page, `${screenshotName}-asked`);
    await page.keyboard.press('Tab');
    await expect(prompt.getByRole('button', { name: 'Discard' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(prompt.getByRole('button', { name: 'Keep draft' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(composer).toBeHidden();
    await expect(crudButton).toBeFocused();

    await openComposer(page);
    await expect(message).toHaveValue(text);
    await expect(message).toBeFocused();
    await expect(composer.getByLabel('Expires after')).toHaveValue('1-hour');
  });

  await test.step('Escape at the question means Keep', async () => {
    await page.keyboard.type(' More.');
    await page.keyboard.press('Escape');
    await expect(composer.getByRole('alertdialog', { name: 'Keep this draft?' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(composer).toBeHidden();
  });

  await test.step('the draft survives a reload', async () => {
    await page.reload();
    await waitForApp(page);
    await openComposer(page);
    await expect(message).toHaveValue(`${text} More.`);
    await expect(composer.getByLabel('Expires after')).toHaveValue('1-hour');
  });

  await test.step('Discard empties it, for good', async () => {
    await page.keyboard.press('Escape');
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect(composer).toBeHidden();
    expect(await draftsInStorage(page)).toEqual([]);
    await openComposer(page);
    await expect(message).toHaveValue('');
    await expect(composer.getByLabel('Expires after')).toHaveValue('7-days');
    // Nothing typed: Escape closes without asking.
    await page.keyboard.press('Escape');
    await expect(composer).toBeHidden();
  });

  await test.step('posting clears the draft; a failed post keeps it', async () => {
    await openComposer(page);
    const posted = `Posted after all by ${user.handle}`;
    await page.keyboard.type(posted);
    await page.context().setOffline(true);
    await page.keyboard.press('Control+Enter');
    await expect(composer.getByText(/connection|reach/i)).toBeVisible();
    await page.context().setOffline(false);
    expect(await draftsInStorage(page)).toEqual([expect.stringMatching(DRAFT_KEY)]);

    await page.keyboard.press('Control+Enter');
    await expect(composer).toBeHidden();
    await expect(page.getByRole('region', { name: 'Home feed' }).getByRole('article').first()).toContainText(posted);
    expect(await draftsInStorage(page)).toEqual([]);
    await page.reload();
    await waitForApp(page);
    await openComposer(page);
    await expect(message).toHaveValue('');
  });
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a typed crud is kept, restored, discarded only on purpose, and gone once posted', async ({ page }) => {
    test.setTimeout(120_000);
    const user = uniqueUser();
    await signUpAndSignIn(page, user);
    await draftJourney(page, user, 'draft-desktop');
  });

  test('closing by the backdrop or the Close button asks too', async ({ page }) => {
    const user = uniqueUser();
    await signUpAndSignIn(page, user);
    const composer = await openComposer(page);
    await page.keyboard.type('Not lost by a stray click');
    // The backdrop: a click outside the dialog's box.
    await page.mouse.click(5, 5);
    await expect(composer.getByRole('alertdialog', { name: 'Keep this draft?' })).toBeVisible();
    await composer.getByRole('button', { name: 'Keep draft' }).click();
    await expect(composer).toBeHidden();

    await openComposer(page);
    await expect(composer.getByLabel('Message', { exact: true })).toHaveValue('Not lost by a stray click');
    await composer.getByRole('button', { name: 'Close' }).click();
    await expect(composer.getByRole('alertdialog', { name: 'Keep this draft?' })).toBeVisible();
  });
});

test.describe('at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a typed crud is kept, restored, discarded only on purpose, and gone once posted', async ({ page }) => {
    test.setTimeout(120_000);
    const user = uniqueUser();
    await signUpAndSignIn(page, user);
    await draftJourney(page, user, 'draft-phone');
  });
});
