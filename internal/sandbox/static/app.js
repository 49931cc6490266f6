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
  albumChoice: document.getElementById("album-choice"),
  asAlbum: document.getElementById("as-album"),
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
    albumHint();
  });
  item.append(node("span", "", "📎"), node("span", "name", `${file.name} · ${size(file.size)}`), remove);
  el.attachmentList.append(item);
  el.attachments.hidden = false;
  captionHint();
  albumHint();
  el.text.focus();
}

// albumHint offers to send the attached files as one album when there are 2 to 10 of them.
function albumHint() {
  el.albumChoice.hidden = state.files.length < 2 || state.files.length > 10;
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
  el.albumChoice.hidden = true;
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
      const album = !el.albumChoice.hidden && el.asAlbum.checked;
      clearAttachments();
      if (album) await uploadAlbum(files, text, as);
      else for (const [i, file] of files.entries()) await upload(file, i === 0 && captioned ? text : "", as);
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

// uploadAlbum sends the files as one album, the caption with the first, as a Telegram app does.
async function uploadAlbum(files, caption, as) {
  const form = new FormData();
  form.append("caption", caption);
  form.append("as", as);
  for (const file of files) form.append("file", file, file.name);
  await request("POST", `/api/chats/${state.user.id}/albums`, form);
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
