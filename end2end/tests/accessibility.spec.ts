// WCAG 2.2 AA on the respondent pages, checked by axe-core with JavaScript on and off, in
// both interface languages: the start page, a question of every kind, an insight, the
// result and the error pages.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";

type Question = { key: string; kind: string; options?: { key: string }[]; min?: number } | null;

// Answers that open the conditional NPS and CES questions, so every kind is visited.
const prefer: Record<string, unknown> = { current_shoes: "new_pair", current_routine: "using" };

function someAnswer(q: NonNullable<Question>): unknown {
  if (q.key in prefer) return prefer[q.key];
  if (q.kind === "multiple_choice") return [q.options![0].key];
  if (q.kind === "single_choice" || q.kind === "image_choice") return q.options![0].key;
  if (q.kind === "text") return "ok";
  return q.min;
}

const jsOn = () => test.info().project.name === "js-on";

async function ready(page: Page) {
  if (jsOn()) await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 20_000 });
}

/** The page to audit with. axe needs script to run, so "JavaScript off" is a context whose
 * own scripts are blocked: the page stays as the server rendered it, as without JavaScript. */
async function auditPage(browser: Browser, page: Page): Promise<Page> {
  if (jsOn()) return page;
  const context = await browser.newContext({ javaScriptEnabled: true, locale: "en-GB" });
  await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  return context.newPage();
}

async function audit(page: Page, what: string) {
  await ready(page);
  // Every rule axe runs by default: WCAG 2.0–2.2 A and AA, and its best practices.
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `${what}`).toEqual([]);
}

/** Walk a questionnaire through the API in `locale`, auditing the page of every question kind. */
type Check = (page: Page, what: string) => Promise<void>;

async function walk(page: Page, request: APIRequestContext, slug: string, locale: string, seen: Set<string>, check: Check = audit) {
  const started = await request.post(`/api/v1/questionnaires/${slug}/responses`, { data: { consent: true, locale } });
  const { id, token } = await started.json();
  let next: Question = (await started.json()).next;
  while (next) {
    if (!seen.has(next.kind)) {
      seen.add(next.kind);
      await page.goto(`/r/${token}/q/${next.key}`);
      await check(page, `${slug} ${locale} question ${next.key} (${next.kind})`);
    }
    const r = await request.put(`/api/v1/responses/${id}/answers/${next.key}`, {
      headers: { "x-response-token": token },
      data: { value: someAnswer(next) },
    });
    const body = await r.json();
    if (body.insights.length && !seen.has(`insight-${slug}`)) {
      seen.add(`insight-${slug}`);
      await page.goto(`/r/${token}/insight/${next.key}`);
      await check(page, `${slug} ${locale} insight after ${next.key}`);
    }
    next = body.next;
  }
  await page.goto(`/r/${token}/result`);
  await check(page, `${slug} ${locale} result`);
}

for (const locale of ["en", "it"]) {
  test(`the respondent pages meet WCAG 2.2 AA in ${locale}`, async ({ browser, page: given, request }) => {
    test.setTimeout(120_000);
    const page = await auditPage(browser, given);
    await page.goto(`/?lang=${locale}`);
    await audit(page, "home");
    await page.goto(`/a/running-shoe-finder?lang=${locale}`);
    await audit(page, "start");
    const seen = new Set<string>();
    for (const slug of ["running-shoe-finder", "skin-care-routine"]) await walk(page, request, slug, locale, seen);
    expect(seen.size).toBeGreaterThanOrEqual(9 + 2);
    await page.goto(`/a/no-such-assessment?lang=${locale}`);
    await audit(page, "unknown assessment");
    await page.goto(`/r/${"f".repeat(48)}?lang=${locale}`);
    await audit(page, "unknown link");
    await page.goto(`/nowhere?lang=${locale}`);
    await audit(page, "unknown page");
  });
}

/** Nothing scrolls sideways: the page reflows to the viewport's width. */
async function fits(page: Page, what: string) {
  await ready(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} is ${overflow}px too wide`).toBeLessThanOrEqual(0);
}

test("at 320 px wide (400 % zoom of a laptop screen) no page scrolls sideways", async ({ browser, page: given, request }) => {
  test.setTimeout(120_000);
  const page = await auditPage(browser, given);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/?lang=it");
  await fits(page, "home");
  await page.goto("/a/skin-care-routine?lang=it");
  await fits(page, "start");
  const seen = new Set<string>();
  for (const slug of ["running-shoe-finder", "skin-care-routine"]) await walk(page, request, slug, "it", seen, fits);
});

test("motion is turned off for people who ask for less of it", async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto("/a/running-shoe-finder?lang=en");
  await page.locator("#consent").check();
  await page.getByRole("button", { name: "Begin" }).click();
  await expect(page.locator(".progress-fill")).toHaveCSS("transition-duration", "0s");
  await context.close();
});
