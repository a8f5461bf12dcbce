import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'e2e-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** A fresh account per run, so the journey can be repeated against the same stack. */
/** Types as a person does: clicks into the field, selects what is in it, then presses each key (fill() would
 * set the value at once and hide what a person's typing runs into, such as a field that takes the focus away). */
export async function typeInto(field, text) {
  await field.click();
  await field.press('ControlOrMeta+A');
  await field.pressSequentially(text);
}

export function uniqueUser() {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  return {
    name: 'E2E Tester',
    email: `e2e.${stamp}@example.com`,
    handle: `e2e_${stamp}`.slice(0, 20),
    password: 'Cruddur-e2e-Passw0rd!',
  };
}

export async function saveScreenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Fails on serious or critical accessibility violations, listing them. */
export async function expectNoSeriousA11yViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(serious, `serious accessibility violations on ${page.url()}`).toEqual([]);
}

/** Waits for the app to finish start-up (config loaded, session checked, first page loaded). */
export async function waitForApp(page) {
  await expect(page.getByText('Starting Cruddur…')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /Loading…|Checking your session…/ })).toHaveCount(0);
}

/**
 * Signs a new account up through the SPA (the local Cognito takes any confirmation code); confirming the
 * email signs it in.
 */
export async function signUpAndSignIn(page, user) {
  await page.goto('/signup');
  await waitForApp(page);
  await typeInto(page.getByLabel('Name', { exact: true }), user.name);
  await typeInto(page.getByLabel('Email', { exact: true }), user.email);
  await typeInto(page.getByLabel('Username', { exact: true }), user.handle);
  await typeInto(page.getByLabel('Password', { exact: true }), user.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await typeInto(page.getByLabel('Confirmation code', { exact: true }), '123456');
  await page.getByRole('button', { name: 'Confirm email' }).click();
  await expect(page.getByRole('button', { name: 'Crud' })).toBeVisible();
  await waitForApp(page);
}

/** A page of its own (a separate browser context) for a new person called `name`, signed in. */
export async function signedInPage(browser, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = { ...uniqueUser(), name };
  await signUpAndSignIn(page, user);
  return { page, user };
}
