import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'e2e-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** A fresh account per run, so the journey can be repeated against the same stack. */
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
