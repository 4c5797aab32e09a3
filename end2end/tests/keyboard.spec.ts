// A respondent who uses only the keyboard (Tab, Space, Enter, arrows) goes from the start
// page to the result, with JavaScript on and off; progress and errors are announced.
import { expect, test, type Page } from "@playwright/test";

/** Press Tab until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function ready(page: Page) {
  if (test.info().project.name === "js-on") await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 20_000 });
}

test("the whole journey works with the keyboard alone", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/a/running-shoe-finder?lang=en");
  await ready(page);
  await tabTo(page, "#consent");
  await page.keyboard.press("Space");
  await expect(page.locator("#consent")).toBeChecked();
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/r\/[0-9a-f]{48}$/);

  for (let step = 0; step < 40; step++) {
    await expect(page.locator("main.result, #insight-title, fieldset.question").first()).toBeVisible();
    if (await page.locator("main.result").count()) break;
    if (await page.locator("#insight-title").count()) {
      await tabTo(page, 'a[rel="next"]');
      await page.keyboard.press("Enter");
      await expect(page.locator("#insight-title")).toHaveCount(0);
      continue;
    }
    const key = await page.locator('input[name="question"]').getAttribute("value");
    // Progress is announced: a named progress bar with its value in words.
    const bar = page.getByRole("progressbar");
    await expect(bar).toHaveAttribute("aria-labelledby", "progress-label");
    await expect(bar).toHaveAttribute("aria-valuetext", /Question \d+ \/ \d+/);
    const kind = await page.locator("fieldset.question").getAttribute("data-kind");
    await tabTo(page, "fieldset.question input:not([type=hidden]), fieldset.question textarea");
    if (kind === "number") {
      await page.keyboard.type("10");
    } else if (kind === "text") {
      await page.keyboard.type("Mostly on weekends.");
    } else if (kind === "multiple_choice") {
      await page.keyboard.press("Space");
    } else {
      // A radio group: the arrows move to the next option and choose it.
      await page.keyboard.press("ArrowRight");
    }
    await tabTo(page, 'button[value="next"]');
    await page.keyboard.press("Enter");
    await expect(page.locator(`input[name="question"][value="${key}"]`)).toHaveCount(0);
  }
  await expect(page.locator("main.result")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your result");
});

test("a refused answer is announced where the keyboard is", async ({ page }) => {
  await page.goto("/a/running-shoe-finder?lang=en");
  await ready(page);
  await tabTo(page, "#consent");
  await page.keyboard.press("Space");
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/r\/[0-9a-f]{48}$/);
  await tabTo(page, 'button[value="next"]');
  await page.keyboard.press("Enter");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Please answer this question");
  await expect(page.locator("fieldset.question")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("fieldset.question")).toHaveAttribute("aria-describedby", /q-error/);
});
