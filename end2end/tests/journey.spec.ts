// The respondent journey in a real Chromium, run by both projects: JavaScript on (hydrated,
// client-side transitions) and off (plain forms and redirects). Same URLs either way.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Answers = Record<string, string | number | string[] | null>;
type PersonaSet = { questionnaire: string; persona: string; answers: Answers };

const root = join(__dirname, "..", "..");
const sets: PersonaSet[] = JSON.parse(readFileSync(join(root, "end2end/fixtures/persona-answers.json"), "utf8"));
const definition = (slug: string) => JSON.parse(readFileSync(join(root, `server/demo/${slug}.json`), "utf8"));

const words = {
  en: { begin: "Begin", next: "Next", result: "Your result", path: "Your learning path", required: "Please answer this question" },
  it: { begin: "Comincia", next: "Avanti", result: "Il tuo risultato", path: "Il tuo percorso di apprendimento", required: "Rispondi a questa domanda" },
} as const;
type Locale = keyof typeof words;

const jsOn = (page: Page) => test.info().project.name === "js-on";

/** Wait until the page is usable: with JavaScript on, until it has hydrated. */
async function ready(page: Page) {
  // A debug wasm on a busy machine can take several seconds to compile.
  if (jsOn(page)) await expect(page.locator("body[data-hydrated]")).toHaveCount(1, { timeout: 20_000 });
}

async function begin(page: Page, slug: string, locale: Locale, consent = true, query = "") {
  await page.goto(`/a/${slug}?lang=${locale}${query}`);
  await ready(page);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  if (consent) await page.locator("#consent").check();
  await page.getByRole("button", { name: words[locale].begin }).click();
  await expect(page).toHaveURL(/\/r\/[0-9a-f]{48}$/);
}

async function currentQuestion(page: Page): Promise<string> {
  return (await page.locator('input[name="question"]').getAttribute("value")) ?? "";
}

async function answer(page: Page, key: string, value: Answers[string]) {
  const kind = await page.locator("fieldset.question").getAttribute("data-kind");
  if (value === null) {
    await page.locator('button[value="skip"]').click();
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) await page.locator(`label[for="opt-${v}"]`).click();
  } else if (kind === "number") {
    await page.locator("#answer").fill(String(value));
  } else if (kind === "text") {
    await page.locator("#answer").fill(String(value));
  } else if (typeof value === "number") {
    await page.locator(`input[name="value"][value="${value}"]`).check({ force: true });
  } else {
    await page.locator(`label[for="opt-${value}"]`).click();
  }
  await page.locator('button[value="next"]').click();
  await expect(page.locator(`input[name="question"][value="${key}"]`)).toHaveCount(0);
}

/** Answer until the result page, continuing past every insight. Returns the insights seen. */
async function answerAll(page: Page, answers: Answers): Promise<number> {
  let insights = 0;
  for (let step = 0; step < 40; step++) {
    await expect(page.locator("main.result, #insight-title, fieldset.question").first()).toBeVisible();
    if (await page.locator("main.result").count()) return insights;
    if (await page.locator("#insight-title").count()) {
      insights++;
      await expect(page.locator(".insight-text p").first()).not.toBeEmpty();
      await page.locator('a[rel="next"]').click();
      await expect(page.locator("#insight-title")).toHaveCount(0);
      continue;
    }
    const key = await currentQuestion(page);
    expect(key in answers, `an answer for ${key}`).toBeTruthy();
    await answer(page, key, answers[key]);
  }
  throw new Error("the questionnaire never reached a result");
}

for (const set of sets.filter((s, i) => sets.findIndex((t) => t.questionnaire === s.questionnaire) === i)) {
  for (const locale of ["en", "it"] as Locale[]) {
    test(`${set.questionnaire} in ${locale}: answers lead to ${set.persona}, offers and a path`, async ({ page }) => {
      const def = definition(set.questionnaire);
      await begin(page, set.questionnaire, locale);
      // A marker that survives client-side navigation but not a page load.
      if (jsOn(page)) await page.evaluate(() => ((window as any).__stayed = true));
      const insights = await answerAll(page, set.answers);
      expect(insights).toBeGreaterThan(0);
      await expect(page).toHaveURL(/\/result$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(words[locale].result);
      const persona = def.personas.find((p: any) => p.key === set.persona);
      await expect(page.locator("#persona-title")).toHaveText(persona.name[locale]);
      await expect(page.locator(".learned li").first()).toBeVisible();
      const offers = page.locator("li.offer");
      expect(await offers.count()).toBeGreaterThan(0);
      await expect(offers.first().locator(".reasons li").first()).toBeVisible();
      await expect(page.locator("section.path .path-step").first()).toBeVisible();
      await expect(page.locator("section.path .eyebrow")).toHaveText(words[locale].path);
      await expect(page.locator(".resume-link")).toHaveText(/\/r\/[0-9a-f]{48}$/);
      if (jsOn(page)) {
        expect(await page.evaluate(() => (window as any).__stayed), "no full page load on the way").toBe(true);
      }
    });
  }
}

test("an unanswered question shows what to fix, in the reader's language", async ({ page }) => {
  await begin(page, "skin-care-routine", "it");
  const key = await currentQuestion(page);
  await page.locator('button[value="next"]').click();
  await expect(page.getByRole("alert")).toContainText(words.it.required);
  expect(await currentQuestion(page)).toBe(key);
  await expect(page.locator("fieldset.question")).toHaveAttribute("aria-invalid", "true");
});

test("the resume link brings the respondent back to the first unanswered question, on another device", async ({ page, browser }) => {
  const set = sets.find((s) => s.questionnaire === "running-shoe-finder")!;
  await begin(page, set.questionnaire, "en");
  const resume = new URL(page.url()).pathname;
  const answered: string[] = [];
  while (answered.length < 2) {
    await expect(page.locator("#insight-title, fieldset.question").first()).toBeVisible();
    if (await page.locator("#insight-title").count()) {
      await page.locator('a[rel="next"]').click();
      await expect(page.locator("#insight-title")).toHaveCount(0);
      continue;
    }
    const key = await currentQuestion(page);
    await answer(page, key, set.answers[key]);
    answered.push(key);
  }
  // Another device: a fresh context with no cookies or history, same JavaScript setting.
  const other = await browser.newContext({ javaScriptEnabled: jsOn(page), locale: "it-IT" });
  const phone = await other.newPage();
  await phone.goto(resume);
  const key = await currentQuestion(phone);
  expect(answered).not.toContain(key);
  expect(key).not.toBe("");
  // The language chosen at the start is kept with the response.
  await expect(phone.locator("html")).toHaveAttribute("lang", "en");
  // Going back shows the earlier answer, pre-filled.
  await phone.locator('a[rel="prev"]').click();
  await expect(phone.locator(`input[name="question"][value="${answered[1]}"]`)).toHaveCount(1);
  await expect(phone.locator("fieldset.question input:checked").first()).toBeAttached();
  await other.close();
});

test("the home page lists both assessments and switches language", async ({ page }) => {
  await page.goto("/?lang=en");
  await ready(page);
  await expect(page.locator("li.assessment")).toHaveCount(2);
  await page.getByRole("link", { name: "Italiano" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Scegli un percorso");
});

test("an unknown assessment is a 404 page", async ({ page }) => {
  const res = await page.goto("/a/no-such-assessment");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("alert")).toBeVisible();
});

test("the start screen speaks the browser's language and carries the touchpoint", async ({ browser }) => {
  const context = await browser.newContext({ locale: "it-IT", javaScriptEnabled: test.info().project.name === "js-on" });
  const page = await context.newPage();
  await page.goto("/a/skin-care-routine?utm_source=Instagram");
  await expect(page.locator("html")).toHaveAttribute("lang", "it");
  await expect(page.locator('input[name="touchpoint"]')).toHaveValue("instagram");
  await expect(page.getByRole("button", { name: words.it.begin })).toBeVisible();
  await context.close();
});
