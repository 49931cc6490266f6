// File Keeper sandbox: how a message's file is shown — a card, a picture, a player, a sticker.
//
// One of the page's scripts (see app.js); they share one global scope and load in order.

"use strict";

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
