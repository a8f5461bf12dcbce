import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, waitForApp } from './support';

test('likes of one crud and follows read as one line each: "Cat and 2 others liked your crud"', async ({ browser }) => {
  test.setTimeout(180_000);
  const ana = await signedInPage(browser, 'Ana Popular');
  const crudText = `Group my likes ${Date.now().toString(36)}`;

  await test.step('Ana posts a crud', async () => {
    await ana.page.getByRole('button', { name: 'Crud' }).click();
    const composer = ana.page.getByRole('dialog', { name: 'New crud' });
    await expect(composer.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await ana.page.keyboard.type(crudText);
    await ana.page.keyboard.press('Control+Enter');
    await expect(composer).toBeHidden();
  });

  const likers = [];
  for (const name of ['Abe Liker', 'Bea Liker', 'Cat Liker']) {
    await test.step(`${name} follows Ana and likes her crud`, async () => {
      const liker = await signedInPage(browser, name);
      likers.push(liker);
      await liker.page.goto(`/@${ana.user.handle}`);
      await waitForApp(liker.page);
      await liker.page.getByRole('button', { name: 'Follow', exact: true }).click();
      await expect(liker.page.getByRole('button', { name: 'Unfollow' })).toBeVisible();
      const crud = liker.page.getByRole('article').filter({ hasText: crudText });
      await crud.getByRole('button', { name: /^Like \(\d+\)$/ }).click();
      await expect(crud.getByRole('button', { name: /^Unlike/ })).toHaveAttribute('aria-pressed', 'true');
      await liker.page.context().close();
    });
  }

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await test.step(`at ${viewport.width}×${viewport.height} Ana sees one line per crud and one for follows`, async () => {
      await ana.page.setViewportSize(viewport);
      await ana.page.goto('/notifications');
      await waitForApp(ana.page);
      const list = ana.page.getByRole('region', { name: 'Notifications' });
      await expect(list.getByRole('link')).toHaveCount(2);
      const likes = list.getByRole('link', { name: /Cat Liker and 2 others liked your crud/ });
      await expect(likes).toContainText(crudText);
      await expect(likes.locator('.avatar')).toHaveCount(3);
      const follows = list.getByRole('link', { name: /Cat Liker and 2 others followed you/ });
      await expect(follows).toBeVisible();
      await saveScreenshot(ana.page, `grouped-notifications-${viewport.width}`);
      await expectNoSeriousA11yViolations(ana.page);
      await likes.click();
      await expect(ana.page).toHaveURL(new RegExp(`/@${ana.user.handle}/status/[0-9a-f-]{36}$`));
    });
  }
});
