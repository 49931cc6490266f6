// File Keeper sandbox: the chat page.
//
// The page plays a Telegram app for one of the sandbox users. What the user does goes to the
// sandbox's small JSON API (send a text, upload files, press a button), which turns it into the
// updates Telegram would send the bot. What happens in the chat comes back live over
// server-sent events: first the whole chat ("history"), then every change — a new message, an
// edit, a deletion, the answer to a button press — as the local Bot API saw the bot make it.
// Messages arrive in the Bot API's own JSON shape (message_id, text, reply_markup, document …).

"use strict";

const MAX_UPLOAD = 20 * 1024 * 1024; // the sandbox keeps files of up to 20 MB, like getFile

const el = {
  chat: document.getElementById("chat"),
  status: document.getElementById("status"),
  users: document.getElementById("users"),
  toasts: document.getElementById("toasts"),
  composer: document.getElementById("composer"),
  text: document.getElementById("text"),
  send: document.getElementById("send"),
  fileInput: document.getElementById("file-input"),
  attachments: document.getElementById("attachments"),
  attachmentList: document.getElementById("attachment-list"),
  sendAs: document.getElementById("send-as"),
  inline: document.getElementById("inline"),
  inlineStatus: document.getElementById("inline-status"),
  inlineList: document.getElementById("inline-list"),
  inlineMore: document.getElementById("inline-more"),
  menuButton: document.getElementById("menu-button"),
  commands: document.getElementById("commands"),
};

const state = {
  users: [],
  user: null, // the sandbox user whose chat is shown
  stream: null, // the EventSource of that chat
  messages: new Map(), // message_id -> element in the chat
  files: [], // files attached and not sent yet
  pressed: new Set(), // buttons pressed and not answered yet
  bot: "", // the bot's username, from the stream's status
  pinned: true, // the chat is scrolled to its end, and stays there as messages grow
  focus: null, // the message_id last sent or edited: kept in view as it grows
  inline: null, // the inline query typed: { id, query, offset, next, results, timer }
  inlineTyping: 0, // the pause after typing, before the inline query goes
};

// Messages change size after they are shown (pictures load, an edit adds lines): keep the end of
// the chat in view when it was in view, and the message last sent or edited.
const resizes = new ResizeObserver((entries) => {
  for (const entry of entries) {
    if (state.focus !== null && entry.target.dataset.id === String(state.focus) && !state.pinned) {
      entry.target.scrollIntoView({ block: "nearest" });
      return;
    }
  }
  if (state.pinned) scrollToEnd();
});
resizes.observe(el.chat); // the chat shrinks when the attachments or the inline results open

// ---------------------------------------------------------------- start

init().catch((err) => toast("The sandbox did not answer: " + err.message, "error"));

async function init() {
  state.users = await request("GET", "/api/users");
  for (const user of state.users) {
    const button = node("button", "", user.first_name);
    button.type = "button";
    button.dataset.id = user.id;
    button.addEventListener("click", () => switchUser(user));
    el.users.append(button);
  }
  const wanted = Number(location.hash.slice(1)) || Number(localStorage.getItem("sandbox-user"));
  switchUser(state.users.find((u) => u.id === wanted) || state.users[0]);
  wireComposer();
}

// switchUser shows the chat of another user: each user has their own chat with the bot, and
// their own files in it.
function switchUser(user) {
  if (state.user && state.user.id === user.id) return;
  state.user = user;
  localStorage.setItem("sandbox-user", user.id);
  history.replaceState(null, "", "#" + user.id);
  for (const button of el.users.children) {
    button.setAttribute("aria-pressed", String(Number(button.dataset.id) === user.id));
  }
  el.text.placeholder = "Message as " + user.first_name;
  clearAttachments();
  // What was shown to the previous user is theirs: their alerts and toasts, their pending
  // presses, the inline results of their query.
  el.toasts.replaceChildren();
  state.pressed.clear();
  hideInline();
  connect();
}

// connect follows the chat of the current user; the browser reconnects by itself after an error,
// and each connection starts with the whole chat again.
function connect() {
  if (state.stream) state.stream.close();
  el.chat.replaceChildren();
  state.messages.clear();
  setStatus("connecting…", false);
  const stream = new EventSource(`/api/chats/${state.user.id}/events`);
  state.stream = stream;
  stream.addEventListener("history", (e) => showHistory(JSON.parse(e.data).messages));
  stream.addEventListener("status", (e) => {
    const s = JSON.parse(e.data);
    state.bot = s.bot || state.bot;
    el.status.dataset.bot = state.bot;
    el.status.title = "@" + state.bot;
    setStatus(s.online ? "bot · online" : "bot · offline — is it still starting?", s.online);
  });
  stream.addEventListener("message", (e) => apply(JSON.parse(e.data)));
  stream.addEventListener("error", () => {
    if (stream === state.stream) setStatus("reconnecting…", false);
  });
}

function setStatus(text, online) {
  el.status.textContent = text;
  el.status.classList.toggle("online", online);
}

// ---------------------------------------------------------------- the chat

function showHistory(messages) {
  el.chat.replaceChildren();
  state.messages.clear();
  for (const m of messages) upsert(m);
  state.pinned = true; // a fresh page, or a reload, ends at the latest message
  state.focus = null;
  if (messages.length === 0) {
    const hint = node("div", "empty", `This is ${state.user.first_name}'s chat with File Keeper.\nSend /start to begin.`);
    hint.id = "empty";
    el.chat.append(hint);
  }
  scrollToEnd();
}

// apply shows one change of the chat.
function apply(ev) {
  switch (ev.type) {
    case "message":
      upsert(ev.message);
      state.focus = ev.message.message_id;
      scrollToEnd();
      break;
    case "edit": {
      const old = state.messages.get(ev.message.message_id);
      const wasInView = old && inView(old);
      const fresh = upsert(ev.message);
      fresh.classList.add("flash");
      if (wasInView) {
        // An edit that makes the message longer must not hide its new end (or its buttons).
        state.focus = ev.message.message_id;
        fresh.scrollIntoView({ block: "nearest" });
      }
      break;
    }
    case "inline":
      showInline(ev.inline);
      break;
    case "delete":
      state.messages.get(ev.message_id)?.remove();
      state.messages.delete(ev.message_id);
      break;
    case "answer":
      settlePresses();
      if (ev.text) toast(ev.text, ev.show_alert ? "alert" : "");
      break;
  }
}

// upsert adds a message, or replaces it in place when the chat shows it already (an edit).
function upsert(m) {
  document.getElementById("empty")?.remove();
  const fresh = renderMessage(m);
  const old = state.messages.get(m.message_id);
  if (old) {
    resizes.unobserve(old);
    old.replaceWith(fresh);
  } else el.chat.append(fresh);
  state.messages.set(m.message_id, fresh);
  resizes.observe(fresh);
  return fresh;
}

function scrollToEnd() {
  el.chat.scrollTop = el.chat.scrollHeight;
  state.pinned = true;
}

// inView tells whether any of a message shows in the chat's window.
function inView(msg) {
  const box = msg.getBoundingClientRect();
  const view = el.chat.getBoundingClientRect();
  return box.bottom > view.top && box.top < view.bottom;
}

function renderMessage(m) {
  const fromBot = Boolean(m.from && m.from.is_bot);
  const msg = node("div", "msg " + (fromBot ? "bot" : "me"));
  msg.dataset.id = m.message_id;
  const bubble = node("div", "bubble");
  if (m.via_bot) bubble.append(node("div", "via", "via @" + m.via_bot.username));
  if (m.reply_to_message) {
    const quoted = m.reply_to_message;
    bubble.append(node("div", "quote", quoted.text || quoted.caption || describe(fileOf(quoted))));
  }
  const file = fileOf(m);
  if (file) bubble.append(renderFile(file));
  const text = m.text || m.caption;
  if (text) bubble.append(node("div", "text", ...linkified(text)));
  if (file && file.field === "sticker" && !text) msg.classList.add("sticker-only");
  bubble.append(node("span", "meta", (m.edit_date ? "edited " : "") + clock(m.date)));
  msg.append(bubble);
  const keyboard = m.reply_markup && m.reply_markup.inline_keyboard;
  if (keyboard && keyboard.length) {
    // As in Telegram's apps, a message with buttons is as wide as the chat allows, so that the
    // buttons' labels fit.
    msg.classList.add("has-keyboard");
    msg.append(renderKeyboard(m.message_id, keyboard));
  }
  return msg;
}

// kinds are the message fields that carry a file, in the order to look for them: an animation
// comes with a document of the same file, and must be found first.
const kinds = [
  ["photo", "🖼", "Photo"],
  ["animation", "🎞", "GIF"],
  ["video", "🎬", "Video"],
  ["video_note", "⏺", "Video note"],
  ["audio", "🎵", "Audio"],
  ["voice", "🎙", "Voice note"],
  ["sticker", "🙂", "Sticker"],
  ["document", "📄", "Document"],
];

// fileOf is the file a message carries, as a card shows it, or null.
function fileOf(m) {
  for (const [field, icon, kind] of kinds) {
    const f = m[field];
    if (!f) continue;
    if (field === "photo") {
      const largest = f[f.length - 1];
      const preview = f.find((p) => Math.max(p.width, p.height) >= 320) || largest;
      return {
        field, icon, kind, id: largest.file_id, previewId: preview.file_id, name: "Photo",
        size: largest.file_size, details: `${largest.width}×${largest.height}`, picture: true, photo: true,
      };
    }
    return {
      field, icon, kind, id: f.file_id, previewId: f.file_id, name: f.file_name || kind,
      size: f.file_size, details: details(field, f), picture: /^image\/(jpeg|png|gif|webp)$/.test(f.mime_type || ""),
      sticker: field === "sticker" ? (f.is_video ? "video" : f.is_animated ? "animated" : "static") : "",
    };
  }
  return null;
}

// details is what a file card says after the kind: the duration of a recording, the type of a file.
function details(field, f) {
  const parts = [];
  if (f.duration) parts.push(`${Math.floor(f.duration / 60)}:${String(f.duration % 60).padStart(2, "0")}`);
  if (field === "sticker") parts.push(f.is_video ? "video sticker" : f.is_animated ? "animated sticker" : "");
  else if (f.mime_type) parts.push(f.mime_type);
  return parts.filter(Boolean).join(" · ");
}

function describe(file) {
  return file ? `${file.icon} ${file.name}` : "";
}

// renderFile shows a file: a photo as the picture itself, any other file as a card — icon, name,
// kind and size, linking to the file — with a preview above it when it is a picture. A file the
// sandbox holds no bytes of (a test's made-up file) shows the card alone.
function renderFile(file) {
  const box = node("div", "attachment-view");
  const card = node("a", "file");
  card.href = "/api/files/" + encodeURIComponent(file.id);
  card.target = "_blank";
  card.rel = "noopener";
  const info = node("div", "info");
  info.append(node("div", "name", file.name));
  const kind = file.name === file.kind ? "" : file.kind; // a voice or video note is named by its kind
  info.append(node("div", "details", [kind, file.details, size(file.size)].filter(Boolean).join(" · ")));
  card.append(node("div", "icon-kind", file.icon), info);
  const player = mediaPlayer(file, () => card.isConnected || box.append(card));
  if (player) {
    box.append(player);
    if (!file.sticker) box.append(card); // a sticker is only itself, unless it cannot be shown
    return box;
  }
  if (!file.picture) {
    box.append(card);
    return box;
  }
  const img = node("img", "preview");
  img.alt = file.name;
  img.title = [file.kind, file.details, size(file.size)].filter(Boolean).join(" · ");
  img.src = "/api/files/" + encodeURIComponent(file.previewId);
  img.addEventListener("error", () => {
    img.remove();
    box.append(card);
  });
  const link = node("a", "", img);
  link.href = card.href;
  link.target = "_blank";
  link.rel = "noopener";
  box.append(link);
  if (!file.photo) box.append(card);
  return box;
}

// mediaPlayer plays a recording or a video in the page, as a Telegram app does; a sticker shows as
// itself. null for other files. A file the sandbox holds no bytes of shows its card alone.
function mediaPlayer(file, failed) {
  const src = "/api/files/" + encodeURIComponent(file.id);
  let media = null;
  if (file.field === "voice" || file.field === "audio") {
    media = node("audio", "player");
    media.controls = true;
  } else if (file.field === "video" || file.field === "video_note" || (file.field === "animation" && !file.picture) || file.sticker === "video") {
    media = node("video", "player" + (file.field === "video_note" ? " round" : file.sticker ? " sticker" : ""));
    media.controls = file.field === "video" || file.field === "video_note";
    media.muted = file.field !== "video" && file.field !== "video_note";
    media.loop = media.muted;
    media.autoplay = media.muted;
    media.playsInline = true;
  } else if (file.sticker === "static") {
    media = node("img", "sticker");
    media.alt = "Sticker";
  }
  if (!media) return null;
  media.preload = "metadata";
  media.src = src;
  media.addEventListener("error", () => {
    media.remove();
    failed();
  });
  return media;
}

// linkified is a text as nodes, its web addresses as links. A link to this bot (t.me/<bot>?start=…)
// opens the deep link here, as the current user, the way a Telegram app opens it in the bot's chat.
function linkified(text) {
  const out = [];
  let last = 0;
  for (const match of text.matchAll(/\b(?:https?:\/\/|t\.me\/|tg:\/\/)[^\s<>"]+/g)) {
    let address = match[0].replace(/[.,;:!?)\]»”'’]+$/, "");
    if (address.length === 0) continue;
    out.push(text.slice(last, match.index));
    out.push(linkTo(address, address));
    last = match.index + address.length;
  }
  out.push(text.slice(last));
  return out.filter((part) => part !== "");
}

// linkTo is a link with a label: a deep link into this bot's chat, or a web page in a new tab.
function linkTo(address, label, className = "") {
  const link = node("a", className, label);
  const href = /^t\.me\//.test(address) ? "https://" + address : address;
  link.href = href;
  const deep = deepLink(href);
  if (deep) {
    link.title = deep.start === null ? `Open the chat with @${state.bot}` : `Open as ${state.user.first_name}: /start ${deep.start}`;
    link.addEventListener("click", (e) => {
      e.preventDefault();
      openDeepLink(deep);
    });
  } else {
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  }
  return link;
}

// deepLink reads a link to this bot — https://t.me/<bot>?start=<param> or tg://resolve?domain=<bot>
// — as { start } (null without a start parameter, or with one Telegram would ignore), or null for
// any other link.
function deepLink(href) {
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  let bot = "";
  if ((url.protocol === "https:" || url.protocol === "http:") && /^(t\.me|telegram\.me)$/i.test(url.hostname)) {
    bot = url.pathname.replace(/^\/|\/$/g, "");
  } else if (url.protocol === "tg:" && (url.hostname === "resolve" || url.pathname.replace(/^\/+/, "") === "resolve")) {
    bot = url.searchParams.get("domain") || "";
  }
  if (!bot || !state.bot || bot.toLowerCase() !== state.bot.toLowerCase()) return null;
  const start = url.searchParams.get("start");
  if (url.searchParams.has("startgroup")) return { start: null, group: true };
  return { start: start !== null && /^[A-Za-z0-9_-]{1,64}$/.test(start) ? start : null };
}

// openDeepLink does what Telegram does with a link to the bot: the chat opens and, with a start
// parameter, the user sends /start <parameter>.
async function openDeepLink(deep) {
  if (deep.group) {
    toast("The sandbox has no groups to add the bot to: it plays private chats only.");
    return;
  }
  if (deep.start === null) {
    toast(`This is ${state.user.first_name}'s chat with @${state.bot} already.`);
    el.text.focus();
    return;
  }
  try {
    await request("POST", `/api/chats/${state.user.id}/messages`, { text: "/start " + deep.start });
  } catch (err) {
    toast(err.message, "error");
  }
}

function renderKeyboard(messageId, rows) {
  const keyboard = node("div", "keyboard");
  for (const row of rows) {
    const line = node("div", "krow");
    for (const b of row) {
      if (b.url) {
        const deep = deepLink(b.url);
        line.append(linkTo(b.url, b.text + (deep ? "" : " ↗")));
        continue;
      }
      const button = node("button", "", b.text);
      button.type = "button";
      button.title = b.text;
      if (b.callback_data) button.addEventListener("click", () => press(button, messageId, b.callback_data));
      else button.disabled = true; // a kind of button the sandbox does not play (inline queries, games …)
      line.append(button);
    }
    keyboard.append(line);
  }
  return keyboard;
}

// press sends the callback query Telegram would send; the button waits for the bot's answer.
async function press(button, messageId, data) {
  button.disabled = true;
  state.pressed.add(button);
  setTimeout(() => settle(button), 15000); // Telegram gives up waiting for an answer too
  try {
    await request("POST", `/api/chats/${state.user.id}/press`, { message_id: messageId, data });
  } catch (err) {
    settle(button);
    toast(err.message, "error");
  }
}

function settle(button) {
  button.disabled = false;
  state.pressed.delete(button);
}

function settlePresses() {
  for (const button of [...state.pressed]) settle(button);
}

// ---------------------------------------------------------------- the composer

function wireComposer() {
  el.composer.addEventListener("submit", (e) => {
    e.preventDefault();
    send();
  });
  el.text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  });
  el.text.addEventListener("input", () => {
    grow();
    typedInline();
  });
  el.text.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hideInline();
  });
  el.sendAs.addEventListener("change", captionHint);
  el.inlineMore.addEventListener("click", () => state.inline && askInline(state.inline.query, state.inline.next));
  for (const kind of ["wheel", "touchstart", "keydown"]) {
    el.chat.addEventListener(kind, () => (state.focus = null), { passive: true });
  }
  el.chat.addEventListener("scroll", () => {
    state.pinned = el.chat.scrollHeight - el.chat.scrollTop - el.chat.clientHeight < 24;
  }, { passive: true });
  el.fileInput.addEventListener("change", () => {
    for (const f of el.fileInput.files) attach(f);
    el.fileInput.value = "";
  });
  el.menuButton.addEventListener("click", toggleCommands);
}

function grow() {
  el.text.style.height = "auto";
  el.text.style.height = Math.min(el.text.scrollHeight, 140) + "px";
}

function attach(file) {
  if (file.size > MAX_UPLOAD) {
    toast(`“${file.name}” is ${size(file.size)}: the sandbox keeps files of up to 20 MB.`, "error");
    return;
  }
  state.files.push(file);
  const item = node("li");
  const remove = node("button", "", "✕");
  remove.type = "button";
  remove.title = "Remove";
  remove.addEventListener("click", () => {
    state.files = state.files.filter((f) => f !== file);
    item.remove();
    el.attachments.hidden = state.files.length === 0;
  });
  item.append(node("span", "", "📎"), node("span", "name", `${file.name} · ${size(file.size)}`), remove);
  el.attachmentList.append(item);
  el.attachments.hidden = false;
  captionHint();
  el.text.focus();
}

// captionHint says what the text typed with attachments becomes: video notes and stickers take
// no caption, so it goes as a message of its own.
function captionHint() {
  if (state.files.length === 0) return;
  const captioned = el.sendAs.value !== "video_note" && el.sendAs.value !== "sticker";
  el.text.placeholder = captioned ? "Add a caption…" : "Add a message (sent after)…";
}

function clearAttachments() {
  state.files = [];
  el.attachmentList.replaceChildren();
  el.attachments.hidden = true;
  if (state.user) el.text.placeholder = "Message as " + state.user.first_name;
}

// send sends the attached files (the text, if any, as the caption of the first) or the text.
async function send() {
  const text = el.text.value;
  const files = state.files;
  if (files.length === 0 && text.trim() === "") return;
  el.send.disabled = true;
  try {
    if (files.length > 0) {
      const as = el.sendAs.value;
      // Video notes and stickers take no caption: the text goes as a message of its own, after.
      const captioned = as !== "video_note" && as !== "sticker";
      clearAttachments();
      for (const [i, file] of files.entries()) await upload(file, i === 0 && captioned ? text : "", as);
      if (!captioned && text.trim() !== "") await request("POST", `/api/chats/${state.user.id}/messages`, { text });
    } else {
      await request("POST", `/api/chats/${state.user.id}/messages`, { text });
    }
    el.text.value = "";
    grow();
    hideInline();
  } catch (err) {
    toast(err.message, "error");
  } finally {
    el.send.disabled = false;
    el.text.focus();
  }
}

async function upload(file, caption, as) {
  const form = new FormData();
  form.append("caption", caption);
  form.append("as", as);
  form.append("file", file, file.name);
  await request("POST", `/api/chats/${state.user.id}/files`, form);
}

async function toggleCommands() {
  const open = el.commands.hidden;
  el.menuButton.setAttribute("aria-expanded", String(open));
  if (!open) {
    el.commands.hidden = true;
    return;
  }
  const commands = await request("GET", "/api/commands");
  el.commands.replaceChildren();
  for (const c of commands) {
    const button = node("button");
    button.type = "button";
    button.append(node("span", "cmd", "/" + c.command), node("span", "desc", c.description));
    button.addEventListener("click", async () => {
      el.commands.hidden = true;
      el.menuButton.setAttribute("aria-expanded", "false");
      try {
        await request("POST", `/api/chats/${state.user.id}/messages`, { text: "/" + c.command });
      } catch (err) {
        toast(err.message, "error");
      }
    });
    el.commands.append(node("li", "", button));
  }
  if (commands.length === 0) el.commands.append(node("li", "desc", "The bot has set no commands yet."));
  el.commands.hidden = false;
}

// ---------------------------------------------------------------- inline mode

// inlineIcons show the kind of each inline result.
const inlineIcons = {
  photo: "🖼", document: "📄", gif: "🎞", mpeg4_gif: "🎞", video: "🎬", audio: "🎵", voice: "🎙", sticker: "🙂", article: "📝",
};

const inlineKinds = {
  photo: "Photo", document: "Document", gif: "GIF", mpeg4_gif: "GIF", video: "Video", audio: "Audio", voice: "Voice note", sticker: "Sticker",
};

// typedInline follows the message box: "@<bot> words" asks the bot for inline results, as a
// Telegram app does a moment after the user stops typing.
function typedInline() {
  const m = /^@([A-Za-z0-9_]+)(\s[\s\S]*)?$/.exec(el.text.value);
  if (!m || !state.bot || m[1].toLowerCase() !== state.bot.toLowerCase()) {
    hideInline();
    return;
  }
  clearTimeout(state.inlineTyping);
  if (m[2] === undefined) {
    showInlineStatus(`Inline mode: type a space and words after @${state.bot} to search your files.`);
    return;
  }
  const query = m[2].slice(1);
  state.inlineTyping = setTimeout(() => askInline(query, ""), 350);
}

async function askInline(query, offset) {
  try {
    const { query_id: id } = await request("POST", `/api/chats/${state.user.id}/inline`, { query, offset });
    const previous = offset && state.inline ? state.inline.results : [];
    clearTimeout(state.inline?.timer);
    state.inline = { id, query, offset, next: "", results: previous };
    if (!offset) showInlineStatus("Searching…");
    state.inline.timer = setTimeout(() => {
      if (state.inline && state.inline.id === id) showInlineStatus("The bot did not answer the inline query.");
    }, 10000);
  } catch (err) {
    showInlineStatus(err.message);
  }
}

// showInline lists the bot's answer to the newest inline query (answers to older ones are late).
function showInline(answer) {
  const q = state.inline;
  if (!q || answer.query_id !== q.id) return;
  clearTimeout(q.timer);
  q.next = answer.next_offset || "";
  q.results = q.results.concat(answer.results);
  el.inlineList.replaceChildren();
  for (const r of q.results) {
    const button = node("button");
    button.type = "button";
    const info = node("div", "info", node("div", "title", r.title || r.file_name || r.text || r.type));
    const desc = r.description || r.caption || (r.type === "article" ? r.text : inlineKinds[r.type] || "");
    if (desc && desc !== r.title) info.append(node("div", "desc", desc));
    button.append(node("span", "icon-kind", inlineIcons[r.type] || "•"), info);
    button.addEventListener("click", () => chooseInline(q.id, r.id));
    el.inlineList.append(node("li", "", button));
  }
  el.inlineStatus.textContent = q.results.length === 0 ? `No results for “${q.query}”.` : "";
  el.inlineMore.hidden = q.next === "";
  el.inline.hidden = false;
}

async function chooseInline(queryId, resultId) {
  try {
    await request("POST", `/api/chats/${state.user.id}/inline/choose`, { query_id: queryId, result_id: resultId });
    el.text.value = "";
    grow();
    hideInline();
  } catch (err) {
    toast(err.message, "error");
  }
}

function showInlineStatus(text) {
  el.inlineList.replaceChildren();
  el.inlineMore.hidden = true;
  el.inlineStatus.textContent = text;
  el.inline.hidden = false;
}

function hideInline() {
  clearTimeout(state.inlineTyping);
  clearTimeout(state.inline?.timer);
  state.inline = null;
  el.inline.hidden = true;
  el.inlineList.replaceChildren();
}

// ---------------------------------------------------------------- small helpers

// request calls the sandbox's API; an error answer becomes an Error with the sandbox's message.
async function request(method, url, body) {
  const init = { method, headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const resp = await fetch(url, init);
  const data = await resp.json().catch(() => ({}));
  if (!resp.ok) throw new Error(data.error || `The sandbox answered ${resp.status}.`);
  return data;
}

// toast shows a short notice; an alert (the bot's show_alert) stays until dismissed.
function toast(text, kind = "") {
  const box = node("div", "toast " + kind, text);
  if (kind === "alert") {
    const ok = node("button", "", "OK");
    ok.type = "button";
    ok.addEventListener("click", () => box.remove());
    box.append(ok);
  } else {
    setTimeout(() => box.remove(), kind === "error" ? 6000 : 2500);
  }
  el.toasts.append(box);
}

// node makes an element with a class and children (text is always text, never HTML).
function node(tag, className = "", ...children) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  e.append(...children);
  return e;
}

function clock(unixSeconds) {
  if (!unixSeconds) return "";
  return new Date(unixSeconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// size reads a byte count the way the bot writes it: 999 B, 1.5 KB, 12 MB.
function size(n) {
  if (n === undefined || n === null) return "";
  if (n < 1024) return `${n} B`;
  const units = "KMGTP";
  let value = n / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ${units[i]}B`;
}
