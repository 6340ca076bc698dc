// Projektbot – lokal chat: the web page that plays a Telegram user against the local stand-in.
// Plain JS, no build step. Text from the server is never given to innerHTML: bot HTML is parsed
// in an inert document and rebuilt with only Telegram's tag subset.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const log = $("log");
  const empty = $("empty");
  const statusEl = $("status");
  const textEl = $("text");
  const keyboardEl = $("keyboard");

  const state = {
    userId: Number(localStorage.getItem("projektbot.userId")) || 1,
    name: localStorage.getItem("projektbot.name") || "Mette",
    after: 0,
    rows: new Map(), // message_id -> row element
    poll: null, // AbortController of the running long poll
    generation: 0,
  };

  // ------------------------------------------------------------------ Telegram HTML subset

  const TAGS = {
    b: "b", strong: "b", i: "i", em: "i", u: "u", ins: "u", s: "s", strike: "s", del: "s",
    code: "code", pre: "pre", a: "a", blockquote: "blockquote", "tg-spoiler": "span", span: "span",
  };

  function safeHref(href) {
    return /^(https?:|mailto:|tg:)/i.test(href || "") ? href : null;
  }

  function rebuild(node, into) {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.appendChild(document.createTextNode(child.data));
        continue;
      }
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const name = child.localName;
      const tag = TAGS[name];
      if (!tag || (name === "span" && !child.classList.contains("tg-spoiler"))) {
        rebuild(child, into); // unknown tag: keep its text only
        continue;
      }
      const el = document.createElement(tag);
      if (tag === "a") {
        const href = safeHref(child.getAttribute("href"));
        if (href) {
          el.href = href;
          el.target = "_blank";
          el.rel = "noopener noreferrer";
        }
      }
      if (tag === "span") {
        el.className = "spoiler";
        el.addEventListener("click", () => el.classList.toggle("shown"));
      }
      rebuild(child, el);
      into.appendChild(el);
    }
  }

  function renderText(text, parseMode) {
    const frag = document.createDocumentFragment();
    const mode = (parseMode || "").toLowerCase();
    if (mode === "html") {
      const inert = new DOMParser().parseFromString(`<body>${text}</body>`, "text/html");
      rebuild(inert.body, frag);
    } else if (mode === "markdownv2" || mode === "markdown") {
      frag.appendChild(document.createTextNode(text.replace(/\\([_*\[\]()~`>#+\-=|{}.!\\])/g, "$1")));
    } else {
      frag.appendChild(document.createTextNode(text));
    }
    return frag;
  }

  // ------------------------------------------------------------------ rendering

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clock(unix) {
    const d = new Date(unix * 1000);
    return d.toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit" });
  }

  function formatSize(bytes) {
    if (bytes == null) return "";
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(".", ",")} kB`;
    return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
  }

  function documentLink(doc) {
    const a = el("a", "doc");
    a.href = doc.url;
    a.download = doc.file_name || "";
    a.appendChild(el("span", "ico", "📄"));
    const label = el("span", "", doc.file_name || "fil");
    label.appendChild(el("small", "", formatSize(doc.file_size)));
    a.appendChild(label);
    return a;
  }

  function inlineButtons(m) {
    const box = el("div", "buttons");
    for (const row of m.buttons || []) {
      const brow = el("div", "brow");
      for (const b of row) {
        const href = safeHref(b.url);
        if (href) {
          const a = el("a", "", `${b.text} ↗`);
          a.href = href;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          brow.appendChild(a);
        } else {
          const button = el("button", "", b.text);
          button.type = "button";
          button.addEventListener("click", () => press(m.message_id, b.data, button));
          brow.appendChild(button);
        }
      }
      box.appendChild(brow);
    }
    return box;
  }

  function bubbleContent(m) {
    const bubble = el("div", "bubble");
    if (m.document) bubble.appendChild(documentLink(m.document));
    if (m.kind === "sticker") bubble.appendChild(el("span", "kind", "[klistermærke 👍]"));
    if (m.kind === "photo") bubble.appendChild(el("span", "kind", "[billede]"));
    if (m.text) {
      if (m.document) bubble.appendChild(document.createElement("br"));
      bubble.appendChild(renderText(m.text, m.parse_mode));
    }
    const meta = el("span", "meta", (m.edited ? "redigeret " : "") + clock(m.date));
    bubble.appendChild(meta);
    return bubble;
  }

  function show(m) {
    const old = state.rows.get(m.message_id);
    if (m.deleted) {
      if (old) old.remove();
      state.rows.delete(m.message_id);
      return;
    }
    const row = el("div", `row ${m.from === "user" ? "user" : "bot"}`);
    row.appendChild(bubbleContent(m));
    if (m.buttons && m.buttons.length) row.appendChild(inlineButtons(m));
    if (old) {
      old.replaceWith(row);
    } else {
      log.appendChild(row);
    }
    state.rows.set(m.message_id, row);
    if (m.from === "bot" && !m.edited) updateKeyboard(m);
    empty.hidden = state.rows.size > 0;
  }

  function updateKeyboard(m) {
    if (m.remove_keyboard) {
      hideKeyboard();
      return;
    }
    if (!m.keyboard) return;
    keyboardEl.replaceChildren();
    for (const row of m.keyboard) {
      const brow = el("div", "brow");
      for (const label of row) {
        const button = el("button", "", label);
        button.type = "button";
        button.addEventListener("click", () => send({ text: label }));
        brow.appendChild(button);
      }
      keyboardEl.appendChild(brow);
    }
    keyboardEl.hidden = false;
  }

  function hideKeyboard() {
    keyboardEl.hidden = true;
    keyboardEl.replaceChildren();
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  // ------------------------------------------------------------------ talking to the stand-in

  async function postJson(path, body) {
    const resp = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!resp.ok) throw new Error(`${resp.status}`);
    return resp.json();
  }

  function who() {
    return { user_id: state.userId, first_name: state.name };
  }

  async function send(extra) {
    try {
      await postJson("/client/send", { ...who(), ...extra });
      setStatus("online");
    } catch (err) {
      setStatus("Beskeden kunne ikke sendes – prøv igen.", true);
    }
  }

  async function press(messageId, data, button) {
    button.disabled = true;
    try {
      await postJson("/client/press", { ...who(), message_id: messageId, data });
    } catch (err) {
      setStatus("Knappen virker ikke længere.", true);
    } finally {
      setTimeout(() => { button.disabled = false; }, 600);
    }
  }

  function setStatus(text, bad) {
    statusEl.textContent = text;
    statusEl.classList.toggle("bad", Boolean(bad));
  }

  async function pollLoop(generation) {
    let first = true;
    while (generation === state.generation) {
      const ctrl = new AbortController();
      state.poll = ctrl;
      const wait = first ? 0 : 25;
      const url = `/client/messages?chat_id=${state.userId}&after=${state.after}&wait=${wait}`;
      try {
        const resp = await fetch(url, { signal: ctrl.signal, cache: "no-store" });
        if (!resp.ok) throw new Error(`${resp.status}`);
        const body = await resp.json();
        if (generation !== state.generation) return;
        const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
        for (const m of body.messages) {
          show(m);
          state.after = Math.max(state.after, m.id);
        }
        if (body.messages.length && (nearBottom || first)) scrollDown();
        setStatus("online");
        first = false;
      } catch (err) {
        if (generation !== state.generation) return;
        setStatus("Ingen forbindelse – prøver igen…", true);
        await sleep(2000);
      }
    }
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  function startConversation() {
    state.generation += 1;
    if (state.poll) state.poll.abort();
    state.after = 0;
    state.rows.clear();
    for (const row of log.querySelectorAll(".row")) row.remove();
    empty.hidden = false;
    hideKeyboard();
    $("who-label").textContent = `${state.name} (id ${state.userId})`;
    pollLoop(state.generation);
  }

  // ------------------------------------------------------------------ wiring

  $("name").value = state.name;
  $("user-id").value = String(state.userId);

  $("who-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const id = Number($("user-id").value);
    const name = $("name").value.trim();
    if (!Number.isInteger(id) || id < 1 || !name) return;
    state.userId = id;
    state.name = name;
    localStorage.setItem("projektbot.userId", String(id));
    localStorage.setItem("projektbot.name", name);
    $("who-form").closest("details").open = false;
    startConversation();
  });

  $("send-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = textEl.value;
    if (!text.trim()) return;
    textEl.value = "";
    autosize();
    send({ text });
    textEl.focus();
  });

  textEl.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey) {
      ev.preventDefault();
      $("send-form").requestSubmit();
    }
  });

  function autosize() {
    textEl.style.height = "auto";
    textEl.style.height = `${Math.min(textEl.scrollHeight, 160)}px`;
  }
  textEl.addEventListener("input", autosize);

  $("sticker").addEventListener("click", () => send({ sticker: true }));

  if (localStorage.getItem("projektbot.userId")) $("who-form").closest("details").open = false;
  startConversation();
})();
