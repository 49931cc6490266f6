// File Keeper sandbox: web addresses in messages, and deep links into the bot's chat.
//
// One of the page's scripts (see app.js); they share one global scope and load in order.

"use strict";

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
