import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.setViewportSize({ width: 360, height: 740 });
await page.goto(process.argv[2]);
console.log(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, ...[...document.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > 361).slice(0, 8).map(e => e.tagName + "." + e.className.toString().slice(0, 80) + " right=" + Math.round(e.getBoundingClientRect().right))]));
await browser.close();
