import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot, typeInto, uniqueUser, waitForApp } from './support';

test.describe('an anonymous visitor', () => {
  test('sees the feed but no composer', async ({ page }) => {
    await page.goto('/');
    await waitForApp(page);
    await expect(page).toHaveTitle(/Home/);
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Crud' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign up' }).first()).toBeVisible();
    await saveScreenshot(page, 'anonymous-home');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Explore' }).click();
    await expect(page).toHaveURL(/\/explore$/);
    await waitForApp(page);
    await saveScreenshot(page, 'anonymous-explore');
  });

  test('is sent to sign in from a page that needs an account', async ({ page }) => {
    await page.goto('/notifications');
    await expect(page).toHaveURL(/\/signin$/);
    await waitForApp(page);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'signin');
  });

  test('sees a clear state for a crud that does not exist', async ({ page }) => {
    await page.goto('/@nobody_here/status/00000000-0000-4000-8000-000000000000');
    await expect(page.getByText('This crud does not exist or has expired')).toBeVisible();
  });

  test('gets an error for a bad password', async ({ page }) => {
    await page.goto('/signin');
    await waitForApp(page);
    await typeInto(page.getByLabel('Email', { exact: true }), 'nobody.at.all@example.com');
    await typeInto(page.getByLabel('Password', { exact: true }), 'not-the-password-1A!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(/incorrect email or password/i);
    await expect(page).toHaveURL(/\/signin$/);
    await saveScreenshot(page, 'signin-bad-password');
  });
});

test('a new user signs up, cruds, replies, edits the profile and signs out', async ({ page }) => {
  const user = uniqueUser();
  const crudText = `Hello from the e2e run ${user.handle}`;
  const replyText = `A reply from ${user.handle}`;

  await test.step('sign up', async () => {
    await page.goto('/signup');
    await waitForApp(page);
    await expect(page).toHaveTitle(/Sign up/);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'signup');
    await typeInto(page.getByLabel('Name', { exact: true }), user.name);
    await typeInto(page.getByLabel('Email', { exact: true }), user.email);
    await typeInto(page.getByLabel('Username', { exact: true }), user.handle);
    await typeInto(page.getByLabel('Password', { exact: true }), user.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page).toHaveURL(/\/confirm\?email=/);
  });

  await test.step('confirm with any code (local Cognito)', async () => {
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(user.email);
    await expect(page.getByText('any confirmation code is accepted')).toBeVisible();
    await saveScreenshot(page, 'confirm');
    await typeInto(page.getByLabel('Confirmation code', { exact: true }), '123456');
    await page.getByRole('button', { name: 'Confirm email' }).click();
  });

  await test.step('confirming signed the new account in (with the password typed at sign-up)', async () => {
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('button', { name: 'Crud' })).toBeVisible();
    await waitForApp(page);
    await saveScreenshot(page, 'home-signed-in');
    await expectNoSeriousA11yViolations(page);
  });

  await test.step('post a crud and see it at the top of the feed', async () => {
    await page.getByRole('button', { name: 'Crud' }).click();
    const composer = page.getByRole('dialog', { name: 'New crud' });
    await expect(composer).toBeVisible();
    await expect(composer.getByRole('button', { name: 'Send' })).toBeDisabled();
    await typeInto(composer.getByLabel('Message', { exact: true }), crudText);
    await expect(composer.getByText(`${crudText.length}/280`)).toBeVisible();
    await composer.getByLabel('Expires after', { exact: true }).selectOption('1-hour');
    await saveScreenshot(page, 'composer');
    await composer.getByRole('button', { name: 'Send' }).click();
    await expect(composer).toBeHidden();
    const firstCrud = page.getByRole('region', { name: 'Home feed' }).getByRole('article').first();
    await expect(firstCrud).toContainText(crudText);
    await expect(firstCrud).toContainText(`@${user.handle}`);
    await expect(firstCrud.getByText(/Expires in (60 minutes|1 hour)/)).toBeAttached();
    await saveScreenshot(page, 'home-after-crud');
  });

  await test.step('open the crud, reply, and see the reply and the count', async () => {
    await page.getByRole('region', { name: 'Home feed' }).getByText(crudText).click();
    await expect(page).toHaveURL(new RegExp(`/@${user.handle}/status/[0-9a-f-]+$`));
    const crud = page.getByRole('main').getByRole('article').first();
    await expect(crud).toContainText(crudText);
    await expect(crud.getByRole('button', { name: 'Reply (0)' })).toBeVisible();
    await typeInto(page.getByLabel(`Reply to @${user.handle}`), replyText);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('region', { name: 'Replies' })).toContainText(replyText);
    await expect(crud.getByRole('button', { name: 'Reply (1)' })).toBeVisible();
    await saveScreenshot(page, 'status-with-reply');
    await expectNoSeriousA11yViolations(page);

    await page.reload();
    await waitForApp(page);
    await expect(page.getByRole('region', { name: 'Replies' })).toContainText(replyText);
    await expect(page.getByRole('main').getByRole('article').first().getByRole('button', { name: 'Reply (1)' })).toBeVisible();
  });

  await test.step('edit the profile', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await expect(page).toHaveURL(new RegExp(`/@${user.handle}$`));
    const profile = page.getByRole('region', { name: 'Profile' });
    await expect(profile).toContainText(`@${user.handle}`);
    await expect(page.getByRole('region', { name: `Cruds by @${user.handle}` })).toContainText(crudText);
    await saveScreenshot(page, 'profile');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('button', { name: 'Edit profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit profile' });
    await typeInto(dialog.getByLabel('Display name', { exact: true }), 'E2E Renamed');
    await typeInto(dialog.getByLabel('Bio', { exact: true }), 'Testing Cruddur end to end.');
    await expect(dialog.getByText('27/160')).toBeVisible();
    await saveScreenshot(page, 'edit-profile');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(profile).toContainText('E2E Renamed');
    await expect(profile).toContainText('Testing Cruddur end to end.');
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('E2E Renamed');
    await page.reload();
    await expect(page.getByRole('region', { name: 'Profile' })).toContainText('Testing Cruddur end to end.');
  });

  await test.step('visit the other pages', async () => {
    for (const [url, name] of [
      ['/notifications', 'notifications'],
      ['/messages', 'messages'],
      ['/search?term=e2e', 'search'],
    ]) {
      await page.goto(url);
      await waitForApp(page);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await saveScreenshot(page, name);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await waitForApp(page);
    await saveScreenshot(page, 'home-phone');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  await test.step('sign out', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('dialog', { name: 'Sign out of Cruddur?' }).getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Crud' })).toHaveCount(0);
    await page.goto('/notifications');
    await expect(page).toHaveURL(/\/signin$/);
    await waitForApp(page);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'signin');
  });
});
