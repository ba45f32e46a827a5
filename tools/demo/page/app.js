// The page's behaviour: who you act as, what you look at, and sending what you do to the demo server, which
// turns it into the signed request Slack would send the app. Live updates arrive as server-sent events.
import { readInputValues } from "./blocks.js";
import { agentCallsHtml, callsHtml, clockHtml, conversationHtml, headerHtml, hintsHtml, homeHtml, modalHtml, peopleHtml, threadHtml } from "./views.js";

const $ = (selector) => document.querySelector(selector);
const hash = new URLSearchParams(location.hash.slice(1));

const ui = {
  as: hash.get("as") || "U0ADA",
  /** "channel", "home" (the app's Home tab) or "dm" (its Messages tab). */
  view: ["channel", "home", "dm"].includes(hash.get("view")) ? hash.get("view") : "channel",
  thread: null,
  state: null,
  /** Per person: how many of the bot's DMs they have seen, for the unread badges. */
  seen: new Map(),
  rendered: new Map(),
  modalKey: "",
};

// --- Talking to the demo server ---------------------------------------------------------------------------

async function api(path, body) {
  const response = await fetch(
    path,
    body === undefined ? undefined : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
  );
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  return answer;
}

let fetching = false;
let fetchAgain = false;
async function refresh() {
  if (fetching) return void (fetchAgain = true);
  fetching = true;
  try {
    ui.state = await api(`/api/state?as=${encodeURIComponent(ui.as)}`);
    render();
  } catch (error) {
    toast(error.message);
  } finally {
    fetching = false;
    if (fetchAgain) {
      fetchAgain = false;
      void refresh();
    }
  }
}

let refreshTimer;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 40);
}

/** Runs something the person did; errors become a toast rather than a silent failure. */
async function act(work) {
  try {
    await work();
  } catch (error) {
    toast(error.message);
  } finally {
    refreshSoon();
  }
}

// --- Rendering --------------------------------------------------------------------------------------------

/** Replaces a region's HTML only when it changed, so focus, scroll and open selects survive refreshes. */
function put(element, html) {
  if (ui.rendered.get(element) === html) return false;
  ui.rendered.set(element, html);
  element.innerHTML = html;
  return true;
}

function render() {
  const state = ui.state;
  for (const person of state.people) if (!ui.seen.has(person.id)) ui.seen.set(person.id, person.botMessages);
  const me = state.people.find((person) => person.id === state.as);
  if (ui.view === "dm" && me) ui.seen.set(me.id, me.botMessages);
  const unseen = (person) => Math.max(0, person.botMessages - (ui.seen.get(person.id) ?? 0));

  put($("#people"), peopleHtml(state, unseen));
  put($("#clock"), clockHtml(state));
  put($("#conversation-header"), headerHtml(state, ui.view));
  put($("#calls"), callsHtml(state));
  put($("#agent-calls"), agentCallsHtml(state));
  put($("#composer-hints"), hintsHtml(state, ui.view));
  const badge = $("#app-badge");
  badge.hidden = !me || unseen(me) === 0;
  badge.textContent = me ? String(unseen(me)) : "";
  document.querySelectorAll("[data-nav]").forEach((item) => item.classList.toggle("active", item.dataset.nav === (ui.view === "channel" ? "channel" : "app")));

  const onHome = ui.view === "home";
  $("#messages").hidden = onHome;
  $("#home").hidden = !onHome;
  $("#composer").hidden = onHome;
  $("#composer-text").placeholder = ui.view === "channel" ? "Message #cadence — or a command: /issue, /scorecard, /cadence" : "Message Cadence — or a command";
  if (onHome) put($("#home"), homeHtml(state));
  else renderMessages(conversationOf(ui.view));
  renderThread();
  renderModal();
  document.body.dataset.as = state.as;
  document.body.dataset.ready = "true";
}

function conversationOf(view) {
  return view === "channel" ? ui.state.channel : ui.state.dm;
}

function renderMessages(conversation) {
  const list = $("#messages");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const switched = list.dataset.conversation !== conversation.id;
  list.dataset.conversation = conversation.id;
  if (put(list, conversationHtml(ui.state, conversation)) && (nearBottom || switched)) list.scrollTop = list.scrollHeight;
}

function renderThread() {
  const conversation = ui.view === "home" ? undefined : conversationOf(ui.view);
  const parent = ui.thread && conversation?.messages.find((message) => message.ts === ui.thread);
  $("#thread").hidden = !parent;
  $("#app").classList.toggle("with-thread", Boolean(parent));
  if (parent) put($("#thread"), threadHtml(ui.state, conversation.id, parent));
}

function renderModal() {
  const root = $("#modal");
  const modal = ui.state.modal;
  if (!modal) {
    root.hidden = true;
    ui.modalKey = "";
    put(root, "");
    return;
  }
  const view = `${modal.id}:${modal.hash}`;
  const key = `${view}:${JSON.stringify(modal.errors)}`;
  if (key === ui.modalKey) return;
  // Same form, new errors: keep what the person typed.
  const typed = ui.modalKey.startsWith(`${view}:`) ? fieldValues(root) : undefined;
  const firstOpen = !ui.modalKey.startsWith(`${modal.id}:`);
  put(root, modalHtml(ui.state));
  if (typed) for (const [id, value] of typed) if (root.querySelector(`#${CSS.escape(id)}`)) root.querySelector(`#${CSS.escape(id)}`).value = value;
  ui.modalKey = key;
  root.hidden = false;
  if (firstOpen) root.querySelector(".b-field")?.focus();
}

function fieldValues(root) {
  return [...root.querySelectorAll(".b-field")].map((field) => [field.id, field.value]);
}

function toast(text) {
  const element = $("#toast");
  element.textContent = text;
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (element.hidden = true), 5000);
}

// --- Navigation -------------------------------------------------------------------------------------------

function go({ as = ui.as, view = ui.view } = {}) {
  const changedPlace = as !== ui.as || view !== ui.view;
  ui.as = as;
  ui.view = view;
  if (changedPlace) ui.thread = null;
  history.replaceState(null, "", `#as=${encodeURIComponent(as)}&view=${view}`);
  // Slack tells the app whenever someone opens its Home tab; the app publishes a fresh view.
  if (view === "home" && changedPlace) void act(() => api("/api/home-opened", { as }));
  if (ui.state) render();
  refreshSoon();
}

// --- What the person does ---------------------------------------------------------------------------------

document.addEventListener("click", (event) => {
  const target = event.target.closest("button, a");
  if (!target) return;
  const data = target.dataset;
  if (data.person) return go({ as: data.person });
  if (data.nav) return go({ view: data.nav === "channel" ? "channel" : ui.view === "dm" ? "dm" : "home" });
  if (data.tab) return go({ view: data.tab });
  if (data.thread) {
    ui.thread = data.thread;
    return render();
  }
  if (data.closeThread !== undefined) {
    ui.thread = null;
    return render();
  }
  if (data.fill !== undefined) {
    const box = $("#composer-text");
    box.value = data.fill;
    return box.focus();
  }
  if (data.action) return void clickElement(target, JSON.parse(data.action));
  if (data.modalClose !== undefined) return void act(() => api("/api/view/close", { as: ui.as, viewId: ui.state.modal.id }));
  if (data.jump) return void moveClock(target, data.jump);
  if (data.othersAnswer !== undefined) return void othersAnswer(target);
  if (data.agentsPush !== undefined) return void agentsPush(target);
});

async function clickElement(button, { container, action }) {
  if (button.dataset.url) window.open(button.dataset.url, "_blank", "noopener");
  button.disabled = true;
  await act(() => api("/api/action", { as: ui.as, container: withViewValues(container), action }));
  button.disabled = false;
}

/** Actions inside a modal carry what is typed in it so far, as Slack's `view.state` does. */
function withViewValues(container) {
  return container.type === "view" && ui.state.modal?.id === container.viewId ? { ...container, values: readInputValues($("#modal")) } : container;
}

document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-select]");
  if (!select || select.value === "") return;
  const { container, action } = JSON.parse(select.dataset.select);
  const chosen = action.type === "users_select" ? { selected_user: select.value } : { selected_option: JSON.parse(select.value) };
  void act(() => api("/api/action", { as: ui.as, container: withViewValues(container), action: { ...action, ...chosen } }));
});

document.addEventListener("submit", (event) => {
  if (event.target.id !== "modal-form") return;
  event.preventDefault();
  const submit = document.querySelector('[data-testid="modal-submit"]');
  if (submit) submit.disabled = true;
  void act(async () => {
    try {
      await api("/api/view/submit", { as: ui.as, viewId: ui.state.modal.id, values: readInputValues($("#modal")) });
    } finally {
      if (submit) submit.disabled = false;
    }
  });
});

async function moveClock(_button, to) {
  document.querySelectorAll("[data-jump]").forEach((jump) => (jump.disabled = true));
  await act(() => api("/api/clock", { to }));
  document.querySelectorAll("[data-jump]").forEach((jump) => (jump.disabled = false));
}

async function othersAnswer(button) {
  button.disabled = true;
  await act(async () => {
    const { answered } = await api("/api/others-answer", { as: ui.as });
    toast(
      answered.length === 0
        ? "Nobody else has a check-in waiting for numbers."
        : `${answered.length} owner${answered.length === 1 ? "" : "s"} replied in their DM.`,
    );
  });
  button.disabled = false;
}

async function agentsPush(button) {
  button.disabled = true;
  $("#agent-calls-panel").open = true;
  await act(async () => {
    const { calls } = await api("/api/agents-push", {});
    toast(`${calls.length} agent${calls.length === 1 ? "" : "s"} called POST /api/v1/entries: ${calls.map((call) => call.status).join(", ")}.`);
  });
  button.disabled = false;
}

// The composer: a leading "/" makes a slash command (signed, as Slack sends it); anything else is a message.
$("#composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const box = $("#composer-text");
  const text = box.value.trim();
  if (!text) return;
  box.value = "";
  const channel = conversationOf(ui.view).id;
  void act(async () => {
    try {
      await api(text.startsWith("/") ? "/api/command" : "/api/message", { as: ui.as, channel, text });
    } catch (error) {
      box.value = text; // give the text back so nothing typed is lost
      throw error;
    }
  });
});

$("#composer-text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $("#composer").requestSubmit();
  }
});

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && ui.state?.modal) void act(() => api("/api/view/close", { as: ui.as, viewId: ui.state.modal.id }));
});

// --- Start ------------------------------------------------------------------------------------------------

new EventSource("/api/events").onmessage = refreshSoon;
// The demo clock runs on between events; a refresh now and then keeps the shown time current.
setInterval(refreshSoon, 20_000);
go({ as: ui.as, view: ui.view });
if (ui.view === "home") void act(() => api("/api/home-opened", { as: ui.as }));
