// File Keeper sandbox: inline mode — "@bot words" in the message box, the results above it.
//
// One of the page's scripts (see app.js); they share one global scope and load in order.

"use strict";

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
