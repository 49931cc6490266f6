// A real-browser test of `filekeeper sandbox`: Debian's chromium, headless, driven by
// playwright-core, plays a person on the sandbox page. run.sh (make test-browser) starts the
// sandbox against a fresh database and runs this with SANDBOX_URL set.
//
// The story: Alice opens the page, sends /start, attaches a note and a picture (a reload ends at
// the latest message), opens 📂 My files, presses through to the note and sees it sent back (each
// edited menu in view), shares it and opens her own link in the page; she finds the note again
// in inline mode and sends it via the bot, reloads, and sends a sticker, a video note and a voice
// note. Carol gets a toast; switching to Bob leaves it behind. Bob's library is empty, and the
// link Alice gave him, pasted into his chat and clicked, gives him the note. On failure a
// screenshot is saved and its path printed; the exit code is 1.
//
//   SANDBOX_URL         the sandbox page (required)
//   SCREENSHOT_DIR      where a failure screenshot goes (default: artifacts beside this file)
//   SANDBOX_SCREENSHOT  also save a screenshot of Alice's chat after the story (for the README)
//   CHROMIUM            the browser (default /usr/bin/chromium)

import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const baseURL = process.env.SANDBOX_URL;
const screenshotDir = resolve(process.env.SCREENSHOT_DIR || join(here, "artifacts"));
const readmeShot = process.env.SANDBOX_SCREENSHOT ? resolve(process.env.SANDBOX_SCREENSHOT) : "";
const wait = 20_000; // for the bot to answer one action
const note = { name: "notes.txt", body: "remember the milk" };

if (!baseURL) {
  console.error("SANDBOX_URL is not set: run this through `make test-browser`");
  process.exit(2);
}

function step(text) {
  console.log(`browser: ${text}`);
}

// Chromium runs with a new, empty profile and without any traffic of its own: the page is local.
const profile = mkdtempSync(join(tmpdir(), "filekeeper-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true, // Playwright adds --headless, and --user-data-dir for the profile above
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 430, height: 900 }, // a phone-sized window
  deviceScaleFactor: 2,
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(wait);
const pageErrors = [];
page.on("pageerror", (err) => pageErrors.push(err.message));

let failed = false;
try {
  await story(page);
  if (pageErrors.length) throw new Error("the page raised errors:\n  " + pageErrors.join("\n  "));
  if (readmeShot) await screenshotAlice(page);
} catch (err) {
  failed = true;
  console.error(`browser: FAILED: ${err.stack || err}`);
  mkdirSync(screenshotDir, { recursive: true });
  const shot = join(screenshotDir, `failure-${new Date().toISOString().replace(/[:.]/g, "-")}.png`);
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  console.error(`browser: screenshot of the failure: ${shot}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(failed ? "browser: 0 passed, 1 failed" : "browser: 1 passed, 0 failed");
process.exit(failed ? 1 : 0);

async function story(page) {
  step(`open ${baseURL} as Alice`);
  await page.goto(`${baseURL}/#1001`);
  await recordToasts(page);
  await page.getByRole("button", { name: "Alice", pressed: true }).waitFor();
  await page.locator("#status.online").waitFor({ timeout: 90_000 }); // the bot may still be migrating

  step("send /start");
  await say(page, "/start");
  await botSays(page, /Alice/);

  step(`attach ${note.name} and a picture, and send them`);
  const picture = await pictureFromCanvas(page);
  await page.locator("#file-input").setInputFiles([
    { name: note.name, mimeType: "text/plain", buffer: Buffer.from(note.body) },
    { name: "sunset.png", mimeType: "image/png", buffer: picture },
  ]);
  await page.locator("#attachment-list li").nth(1).waitFor();
  await page.locator("#send").click();
  await page.locator(".msg.me .file .name", { hasText: note.name }).waitFor();
  await page.locator(".msg.me img.preview").waitFor(); // the picture went as a photo
  await botSays(page, new RegExp(note.name.replace(".", "\\.")));
  await botSays(page, /photo/i);
  await reloadEndsAtTheLatest(page);

  step("open 📂 My files and press through to the note");
  await pressThroughTo(page, note.name);
  const card = page.locator(".msg.bot .file", { hasText: note.name }).last();
  const href = await card.getAttribute("href");
  const body = await page.evaluate((url) => fetch(url).then((r) => r.text()), href);
  if (body !== note.body) throw new Error(`the note sent back reads ${JSON.stringify(body)}`);
  const toasts = await page.evaluate(() => window.toastsSeen);
  if (toasts.length === 0) throw new Error("no answer to a button press was shown as a toast");
  step(`the bot sent ${note.name} back (toasts seen: ${toasts.join(", ")})`);

  const link = await share(page);
  step(`open the link in the page as Alice: ${link}`);
  await page.locator(".msg.bot .text a", { hasText: link }).last().click();
  await page.locator(".msg.me .text", { hasText: "/start " + link.split("start=")[1] }).waitFor();
  if (!page.url().startsWith(baseURL)) throw new Error(`the link left the page for ${page.url()}`);
  await botSays(page, new RegExp(note.name.replace(".", "\\.")));

  await inlineMode(page);
  step("reload: the page ends at the latest message");
  await reloadEndsAtTheLatest(page);
  await kindsOfTheirOwn(page);

  step("Carol's toast does not follow her to Bob's chat");
  await page.getByRole("button", { name: "Carol" }).click();
  await page.getByRole("button", { name: "Carol", pressed: true }).waitFor();
  await say(page, "/start");
  await botSays(page, /Carol/);
  const before = await page.evaluate(() => window.toastsSeen.length);
  await page.evaluate(async () => {
    const last = [...document.querySelectorAll(".msg.bot")].pop();
    await fetch("/api/chats/3003/press", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message_id: Number(last.dataset.id), data: "forged" }) });
  });
  await page.waitForFunction((n) => window.toastsSeen.length > n && document.querySelector("#toasts .toast"), before);

  step("switch to Bob: his library is empty");
  await page.getByRole("button", { name: "Bob" }).click();
  await page.getByRole("button", { name: "Bob", pressed: true }).waitFor();
  const left = await page.locator("#toasts .toast").count();
  if (left !== 0) throw new Error(`${left} of Carol's toasts stayed on screen in Bob's chat`);
  await page.locator("#empty").waitFor();
  await say(page, "/files");
  await botSays(page, /empty/i);
  const files = await page.locator(".msg .file").count();
  if (files !== 0) throw new Error(`Bob's chat shows ${files} files`);

  step("Bob pastes Alice's link and opens it: the note is shared with him");
  await say(page, link);
  await page.locator(".msg.me .text a", { hasText: link }).last().click();
  await page.locator(".msg.me .text", { hasText: "/start " }).waitFor();
  await page.locator(".msg.bot .file .name", { hasText: note.name }).waitFor();
}

// share presses 🔗 Share on the note's card and returns the link the bot gives.
async function share(page) {
  step("share the note");
  await page.locator(".msg.bot .keyboard button", { hasText: "Share" }).last().click();
  // The link's options come first (expiry, people, protection): the defaults do.
  await page.locator(".msg.bot .keyboard button", { hasText: "Make the link" }).last().click();
  const text = page.locator(".msg.bot .text", { hasText: "?start=" }).last();
  await text.waitFor();
  const href = await text.locator("a").first().getAttribute("href");
  if (!/^https:\/\/t\.me\/\w+\?start=[\w-]+$/.test(href)) throw new Error(`the share link reads ${href}`);
  return href;
}

// inlineMode types "@bot notes" in the message box, waits for the bot's results and picks the note:
// it goes into the chat via the bot.
async function inlineMode(page) {
  const handle = await page.locator("#status").getAttribute("data-bot");
  if (!handle) throw new Error("the page does not know the bot's username");
  step(`inline mode: @${handle} notes`);
  const box = page.locator("#text");
  await box.fill(`@${handle} notes`);
  const result = page.locator("#inline-list button", { hasText: note.name }).first();
  await result.waitFor();
  await result.click();
  await page.locator(".msg.me .via", { hasText: "@" + handle }).last().waitFor();
  await page.locator(".msg.me .file .name", { hasText: note.name }).last().waitFor();
  if (!(await page.locator("#inline").isHidden())) throw new Error("the inline results stayed open after a pick");
  if ((await box.inputValue()) !== "") throw new Error("the message box kept the inline query");
  await botSays(page, /Already saved/);
}

// kindsOfTheirOwn sends a voice note, a video note and a sticker, as a Telegram app's microphone,
// round camera and sticker panel would.
async function kindsOfTheirOwn(page) {
  const sticker = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 512;
    const g = canvas.getContext("2d");
    g.font = "400px sans-serif";
    g.fillText("🙂", 40, 420);
    return canvas.toDataURL("image/webp").split(",")[1];
  });
  for (const f of [
    { as: "sticker", name: "smile.webp", mimeType: "image/webp", buffer: Buffer.from(sticker, "base64"), mine: ".msg.me img.sticker", text: "", bot: /Stickers can't be kept/ },
    { as: "video_note", name: "round.mp4", mimeType: "video/mp4", buffer: mp4(), mine: ".msg.me .file .name", text: "Video note", bot: /video note/i },
    { as: "voice", name: "memo.ogg", mimeType: "audio/ogg", buffer: oggOpus(3), mine: ".msg.me .file .name", text: "Voice note", bot: /voice/i },
  ]) {
    step(`send ${f.name} as a ${f.as.replace("_", " ")}`);
    await page.locator("#file-input").setInputFiles([{ name: f.name, mimeType: f.mimeType, buffer: f.buffer }]);
    await page.locator("#send-as").selectOption(f.as);
    await settled(page);
    await atTheEnd(page); // the attachments opened over the chat, which kept its end in view
    await page.locator("#send").click();
    await page.locator(f.mine, f.text ? { hasText: f.text } : {}).last().waitFor();
    await botSays(page, f.bot);
  }
}

// oggOpus is a short Ogg Opus stream's pages as the stand-in reads them (capture pattern, the
// OpusHead, the granule position of the last page); it does not play.
function oggOpus(seconds) {
  const head = Buffer.concat([Buffer.from("OggS\x00\x02"), Buffer.alloc(22), Buffer.from("OpusHead\x01\x01"), Buffer.alloc(64)]);
  const last = Buffer.alloc(14 + 16);
  last.write("OggS\x00\x04", 0, "latin1");
  last.writeBigUInt64LE(BigInt(seconds * 48000), 6);
  return Buffer.concat([head, last]);
}

function mp4() {
  return Buffer.concat([Buffer.from("\x00\x00\x00\x18ftypisom", "latin1"), Buffer.alloc(64)]);
}

// reloadEndsAtTheLatest reloads the page and checks it shows the end of the chat once every
// picture in it has loaded (pictures load after the chat is laid out, and grow it).
async function reloadEndsAtTheLatest(page) {
  const count = await page.locator(".msg").count();
  await page.reload();
  await recordToasts(page);
  await page.locator(".msg").nth(count - 1).waitFor();
  await settled(page);
  await atTheEnd(page);
}

// settled waits for every picture of the chat to be decoded and two frames to pass.
async function settled(page) {
  await page.evaluate(async () => {
    await Promise.all([...document.querySelectorAll("#chat img")].map((img) => img.decode().catch(() => {})));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

// atTheEnd checks the chat is scrolled to its last message.
async function atTheEnd(page) {
  const gap = await page.locator("#chat").evaluate((c) => c.scrollHeight - c.scrollTop - c.clientHeight);
  if (gap > 30) throw new Error(`the chat is ${gap}px above its latest message`);
}

// inView checks a message is wholly in the chat's window (or fills it).
async function inView(message) {
  const [box, view] = await message.evaluate((m) => [m.getBoundingClientRect().toJSON(), m.closest("#chat").getBoundingClientRect().toJSON()]);
  if (box.bottom > view.bottom + 2 && box.top > view.top + 2) {
    throw new Error(`an edited message ends ${Math.round(box.bottom - view.bottom)}px below the chat's window`);
  }
}

// say types text in the composer and presses Enter, as a person would.
async function say(page, text) {
  const box = page.locator("#text");
  await box.fill(text);
  await box.press("Enter");
  await page.locator(".msg.me .text", { hasText: text }).last().waitFor();
}

// botSays waits for a message of the bot whose text matches.
async function botSays(page, pattern) {
  await page.locator(".msg.bot .bubble", { hasText: pattern }).last().waitFor();
}

// pressThroughTo presses, on the newest keyboard, the first button found of: the file itself,
// ⬇ Get, 🗂 All, 📂 My files — until the bot sends the file back. It does not assume how many
// menus lie between the main menu and the file.
async function pressThroughTo(page, name) {
  const sentBack = page.locator(".msg.bot .file .name", { hasText: name });
  for (let i = 0; i < 6; i++) {
    if ((await sentBack.count()) > 0) return;
    const keyboard = page.locator(".msg.bot .keyboard").last();
    const button = await firstButton(keyboard, [name, "Get", "All", "My files"]);
    step(`  press “${await button.textContent()}”`);
    const handle = await button.elementHandle();
    const id = await button.evaluate((b) => b.closest(".msg").dataset.id);
    const before = await page.locator(".msg.bot").count();
    await button.click();
    // The press is answered by an edit (the message, and the button with it, replaced), a new
    // message (a button under a confirmation leaves the confirmation as it is), or the file itself.
    await page.waitForFunction(
      ([b, n, k]) =>
        !b.isConnected ||
        document.querySelectorAll(".msg.bot").length > k ||
        [...document.querySelectorAll(".msg.bot .file .name")].some((e) => e.textContent === n),
      [handle, name, before],
      { timeout: wait },
    );
    const edited = page.locator(`.msg[data-id="${id}"]`);
    if ((await edited.count()) > 0) {
      await settled(page);
      await inView(edited);
    }
  }
  await sentBack.first().waitFor();
}

async function firstButton(keyboard, labels) {
  for (const label of labels) {
    const button = keyboard.locator("button", { hasText: label });
    if ((await button.count()) > 0) return button.first();
  }
  const texts = await keyboard.locator("button").allTextContents();
  throw new Error(`none of ${JSON.stringify(labels)} on the newest keyboard: ${JSON.stringify(texts)}`);
}

// recordToasts keeps every toast the page shows, since they go away after a moment.
async function recordToasts(page) {
  await page.evaluate(() => {
    window.toastsSeen = [];
    const toasts = document.getElementById("toasts");
    new MutationObserver((changes) => {
      for (const c of changes) for (const n of c.addedNodes) window.toastsSeen.push(n.firstChild?.textContent || "");
    }).observe(toasts, { childList: true });
  });
}

// pictureFromCanvas draws a small picture in the page and returns it as PNG bytes.
async function pictureFromCanvas(page) {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 400;
    const g = canvas.getContext("2d");
    const sky = g.createLinearGradient(0, 0, 0, 400);
    sky.addColorStop(0, "#ff9a5a");
    sky.addColorStop(0.6, "#ffcf7a");
    sky.addColorStop(1, "#3d6b8c");
    g.fillStyle = sky;
    g.fillRect(0, 0, 640, 400);
    g.fillStyle = "#fff3c4";
    g.beginPath();
    g.arc(320, 250, 70, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = "#2b4a63";
    g.fillRect(0, 260, 640, 140);
    return canvas.toDataURL("image/png").split(",")[1];
  });
  return Buffer.from(base64, "base64");
}

async function screenshotAlice(page) {
  step(`screenshot of Alice's chat: ${readmeShot}`);
  await page.getByRole("button", { name: "Alice" }).click();
  await page.locator(".msg.bot .file .name", { hasText: note.name }).first().waitFor();
  await say(page, "/files");
  await botSays(page, /Pick a kind/);
  await settled(page);
  await page.waitForFunction(() => document.querySelectorAll("#toasts .toast").length === 0, null, { timeout: 10_000 });
  await page.evaluate(() => {
    const chat = document.getElementById("chat");
    chat.scrollTop = chat.scrollHeight;
  });
  mkdirSync(dirname(readmeShot), { recursive: true });
  await page.screenshot({ path: readmeShot });
}
