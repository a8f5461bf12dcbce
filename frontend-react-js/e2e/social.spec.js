import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, signedInPage, typeInto, waitForApp } from './support';

test('one person follows, likes and reposts; the other sees the notifications and the badge', async ({ browser }) => {
  test.setTimeout(180_000);
  const ana = await signedInPage(browser, 'Ana Author');
  const ben = await signedInPage(browser, 'Ben Follower');
  const tag = `#e2e${Date.now().toString(36)}`;
  const crudText = `Shipping the social layer ${tag}`;

  await test.step('Ana posts a crud with a hashtag', async () => {
    await ana.page.getByRole('button', { name: 'Crud' }).click();
    const composer = ana.page.getByRole('dialog', { name: 'New crud' });
    await typeInto(composer.getByLabel('Message', { exact: true }), crudText);
    await composer.getByRole('button', { name: 'Send' }).click();
    await expect(ana.page.getByRole('article').first()).toContainText(crudText);
  });

  await test.step('Ben follows Ana and finds her crud in his home feed', async () => {
    await ben.page.goto(`/@${ana.user.handle}`);
    await waitForApp(ben.page);
    await ben.page.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect(ben.page.getByRole('button', { name: 'Unfollow' })).toBeVisible();
    await expect(ben.page.getByRole('region', { name: 'Profile' })).toContainText('1 Follower');
    await ben.page.getByRole('link', { name: 'Home' }).first().click();
    await waitForApp(ben.page);
    await expect(ben.page.getByRole('article').first()).toContainText(crudText);
  });

  await test.step('Ben likes and reposts it', async () => {
    const crud = ben.page.getByRole('article').first();
    await crud.getByRole('button', { name: 'Like (0)' }).click();
    await expect(crud.getByRole('button', { name: 'Unlike (1)' })).toHaveAttribute('aria-pressed', 'true');
    await crud.getByRole('button', { name: 'Repost (0)' }).click();
    await expect(crud.getByRole('button', { name: 'Undo repost (1)' })).toBeVisible();
    await saveScreenshot(ben.page, 'home-liked-and-reposted');
  });

  await test.step('the hashtag links to search, which finds the crud', async () => {
    await ben.page.getByRole('article').first().getByRole('link', { name: tag }).click();
    await expect(ben.page).toHaveURL(/\/search\?term=/);
    await waitForApp(ben.page);
    await expect(ben.page.getByRole('main')).toContainText(crudText);
    await saveScreenshot(ben.page, 'search-hashtag');
  });

  await test.step('Ana sees the badge, then the notifications', async () => {
    await ana.page.reload();
    await waitForApp(ana.page);
    const navigation = ana.page.getByRole('navigation', { name: 'Main' });
    await expect(navigation.getByLabel('3 unread')).toBeVisible();
    await saveScreenshot(ana.page, 'notification-badge');
    await navigation.getByRole('link', { name: /Notifications/ }).click();
    await waitForApp(ana.page);
    const list = ana.page.getByRole('region', { name: 'Notifications' });
    await expect(list.getByRole('link')).toHaveCount(3);
    await expect(list).toContainText('Ben Follower reposted your crud');
    await expect(list).toContainText('Ben Follower liked your crud');
    await expect(list).toContainText('Ben Follower followed you');
    await saveScreenshot(ana.page, 'notifications-list');
    await expectNoSeriousA11yViolations(ana.page);
    await expect(navigation.getByLabel(/unread/)).toHaveCount(0);
  });
});
