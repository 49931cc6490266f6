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
  asFile: document.getElementById("as-file"),
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
};

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
      scrollToEnd();
      break;
    case "edit":
      upsert(ev.message).classList.add("flash");
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
  if (old) old.replaceWith(fresh);
  else el.chat.append(fresh);
  state.messages.set(m.message_id, fresh);
  return fresh;
}

function scrollToEnd() {
  el.chat.scrollTop = el.chat.scrollHeight;
}

function renderMessage(m) {
  const fromBot = Boolean(m.from && m.from.is_bot);
  const msg = node("div", "msg " + (fromBot ? "bot" : "me"));
  msg.dataset.id = m.message_id;
  const bubble = node("div", "bubble");
  if (m.reply_to_message) {
    const quoted = m.reply_to_message;
    bubble.append(node("div", "quote", quoted.text || quoted.caption || describe(fileOf(quoted))));
  }
  const file = fileOf(m);
  if (file) bubble.append(renderFile(file));
  const text = m.text || m.caption;
  if (text) bubble.append(node("div", "text", text));
  bubble.append(node("span", "meta", (m.edit_date ? "edited " : "") + clock(m.date)));
  msg.append(bubble);
  const keyboard = m.reply_markup && m.reply_markup.inline_keyboard;
  if (keyboard && keyboard.length) msg.append(renderKeyboard(m.message_id, keyboard));
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
        icon, kind, id: largest.file_id, previewId: preview.file_id, name: "Photo",
        size: largest.file_size, details: `${largest.width}×${largest.height}`, picture: true, photo: true,
      };
    }
    return {
      icon, kind, id: f.file_id, previewId: f.file_id, name: f.file_name || kind,
      size: f.file_size, details: f.mime_type || "", picture: /^image\/(jpeg|png|gif|webp)$/.test(f.mime_type || ""),
    };
  }
  return null;
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
  info.append(node("div", "details", [file.kind, file.details, size(file.size)].filter(Boolean).join(" · ")));
  card.append(node("div", "icon-kind", file.icon), info);
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
  img.addEventListener("load", () => img.closest(".msg") === el.chat.lastElementChild && scrollToEnd());
  const link = node("a", "", img);
  link.href = card.href;
  link.target = "_blank";
  link.rel = "noopener";
  box.append(link);
  if (!file.photo) box.append(card);
  return box;
}

function renderKeyboard(messageId, rows) {
  const keyboard = node("div", "keyboard");
  for (const row of rows) {
    const line = node("div", "krow");
    for (const b of row) {
      if (b.url) {
        const link = node("a", "", b.text + " ↗");
        link.href = b.url;
        link.target = "_blank";
        link.rel = "noopener";
        line.append(link);
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
  el.text.addEventListener("input", grow);
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
  el.text.placeholder = "Add a caption…";
  el.text.focus();
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
      const asFile = el.asFile.checked;
      clearAttachments();
      for (const [i, file] of files.entries()) await upload(file, i === 0 ? text : "", asFile);
    } else {
      await request("POST", `/api/chats/${state.user.id}/messages`, { text });
    }
    el.text.value = "";
    grow();
  } catch (err) {
    toast(err.message, "error");
  } finally {
    el.send.disabled = false;
    el.text.focus();
  }
}

async function upload(file, caption, asFile) {
  const form = new FormData();
  form.append("caption", caption);
  form.append("as_file", String(asFile));
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
