import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, waitForApp } from './support';

// Issue 16, item 6: a reply away from its thread says whom it answers. Typed with the keyboard, as a person does.

async function postWithTheKeyboard(page, crudText) {
  await page.getByRole('button', { name: 'Crud' }).click();
  const composer = page.getByRole('dialog', { name: 'New crud' });
  await expect(composer.getByLabel('Message', { exact: true })).toBeFocused();
  await page.keyboard.type(crudText);
  await page.keyboard.press('Control+Enter');
  await expect(composer).toBeHidden();
}

for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('a reply on its author’s profile says Replying to @x and links to the crud it answers', async ({ browser }) => {
      test.setTimeout(120_000);
      const ana = await signedInPage(browser, 'Ana Author');
      const ben = await signedInPage(browser, 'Ben Replier');
      await ana.page.setViewportSize(viewport);
      await ben.page.setViewportSize(viewport);
      const parentText = `A question from Ana ${Date.now().toString(36)}`;
      const replyText = `An answer from Ben ${Date.now().toString(36)}`;
      await postWithTheKeyboard(ana.page, parentText);
      const parent = ana.page.getByRole('region', { name: 'Home feed' }).getByRole('article').filter({ hasText: parentText });
      await parent.getByRole('link', { name: /open this crud/ }).click();
      await expect(ana.page).toHaveURL(/\/status\//);
      const parentUrl = new URL(ana.page.url()).pathname;

      await ben.page.goto(parentUrl);
      await waitForApp(ben.page);
      await ben.page.getByLabel(`Reply to @${ana.user.handle}`).click();
      await ben.page.keyboard.type(replyText);
      await ben.page.getByRole('button', { name: 'Send' }).click();
      await expect(ben.page.getByRole('region', { name: 'Replies' })).toContainText(replyText);

      await ben.page.goto(`/@${ben.user.handle}`);
      await waitForApp(ben.page);
      const reply = ben.page.getByRole('region', { name: `Cruds by @${ben.user.handle}` }).getByRole('article').filter({ hasText: replyText });
      const replyingTo = reply.getByRole('link', { name: `Replying to @${ana.user.handle}` });
      await expect(replyingTo).toBeVisible();
      await saveScreenshot(ben.page, `profile-reply-${viewport.width}`);
      await expectNoSeriousA11yViolations(ben.page);

      await replyingTo.click();
      await expect(ben.page).toHaveURL(new RegExp(`${parentUrl}$`));
      await expect(ben.page.getByRole('main').getByRole('article').first()).toContainText(parentText);
    });
  });
}
