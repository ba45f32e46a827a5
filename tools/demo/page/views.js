// HTML for each part of the page, from the state the demo server sends (tools/demo/page-state.ts).
import { renderBlocks } from "./blocks.js";
import { avatarColor, cityOf, dateOfTs, formatClock, formatDay, formatTime, formatWeekdayTime, initials } from "./format.js";
import { escapeHtml, mrkdwn } from "./mrkdwn.js";

/** What block and mrkdwn rendering need to know about the reader. */
export function readerContext(state) {
  const users = new Map(state.people.map((person) => [person.id, { realName: person.realName, bot: false }]));
  users.set(state.bot.id, { realName: state.bot.name, bot: true });
  const me = state.people.find((person) => person.id === state.as);
  return { users, me: state.as, tz: me?.tz ?? state.clock.tz, now: new Date(state.clock.now) };
}

export function roleOf(person) {
  if (person.isAdmin) return { label: "admin", className: "admin" };
  if (person.seats.length > 0) return { label: "owner", className: "owner" };
  return { label: "no seat", className: "outsider" };
}

export function peopleHtml(state, unseen) {
  return state.people
    .map((person) => {
      const role = roleOf(person);
      const badge = unseen(person) > 0 ? `<span class="badge" title="new messages from Cadence">${unseen(person)}</span>` : "";
      return `<li><button type="button" class="person${person.id === state.as ? " active" : ""}" data-person="${escapeHtml(person.id)}" data-testid="person-${escapeHtml(person.id)}">
        ${avatarHtml(person.id, person.realName)}
        <span class="who">
          <span class="name">${escapeHtml(person.realName)}</span><span class="role ${role.className}">${role.label}</span>
          <span class="title">${escapeHtml(person.title)} · ${escapeHtml(cityOf(person.tz))}</span>
          ${person.seats.length > 0 ? `<span class="seats">${escapeHtml(person.seats.join(", "))}</span>` : ""}
        </span>
        ${badge}
      </button></li>`;
    })
    .join("");
}

function avatarHtml(id, name, bot = false) {
  return bot
    ? `<span class="avatar bot" aria-hidden="true">C</span>`
    : `<span class="avatar" style="background:${avatarColor(id)}" aria-hidden="true">${escapeHtml(initials(name))}</span>`;
}

const STEP_LABELS = { checkin: "Next check-in", reminder: "Next reminder", deadline: "Next deadline", digest: "Next digest" };

export function clockHtml(state) {
  const now = new Date(state.clock.now);
  const reader = readerContext(state);
  const local =
    reader.tz !== state.clock.tz
      ? `<span class="clock-local">· ${escapeHtml(formatWeekdayTime(now, reader.tz))} for you (${escapeHtml(cityOf(reader.tz))})</span>`
      : "";
  const names = new Map(state.people.map((person) => [person.id, person]));
  const jumps = Object.entries(STEP_LABELS)
    .map(([step, label]) => {
      const next = state.clock.steps.find((candidate) => candidate.step === step);
      if (!next) return `<button type="button" class="jump" disabled data-testid="jump-${step}"><span>${label}</span><small>nobody to ask</small></button>`;
      const at = new Date(next.at);
      const who = next.ownerIds
        .map((id) => names.get(id))
        .filter(Boolean)
        .map((person) => `${person.realName.split(" ")[0]}, ${formatTime(at, person.tz)} ${cityOf(person.tz)}`)
        .join("; ");
      const title = `${label}: ${formatClock(at, state.clock.tz)} (${state.clock.tz}) for ${next.week}${who ? ` — ${who}` : ""}`;
      return `<button type="button" class="jump" data-jump="${step}" data-testid="jump-${step}" title="${escapeHtml(title)}"><span>${label}</span><small>${escapeHtml(formatWeekdayTime(at, state.clock.tz))}${who ? ` · ${escapeHtml(who.split(";")[0])}${next.ownerIds.length > 1 ? " +" : ""}` : ""}</small></button>`;
    })
    .join("");
  return `<div class="clock-now"><span class="clock-label">Demo clock</span><strong data-testid="clock-now">${escapeHtml(formatClock(now, state.clock.tz))}</strong><span class="clock-tz">${escapeHtml(cityOf(state.clock.tz))} (team time)</span>${local}</div>
    <div class="clock-jumps">${jumps}
      <button type="button" class="jump plain" data-jump="hour" data-testid="jump-hour" title="Move the clock one hour and run the scheduler">+1 hour</button>
      <button type="button" class="jump plain" data-others-answer data-testid="others-answer" title="Every other owner with an open check-in replies in their DM">Let the others answer</button>
      <button type="button" class="jump plain" data-agents-push data-testid="agents-push" title="Each AI seat's agent pushes its numbers for the last completed week: POST /api/v1/entries with its token">Agents push numbers</button>
    </div>`;
}

export function headerHtml(state, view) {
  if (view === "channel") {
    return `<div><h1># cadence</h1></div><div class="topic">Issues and the weekly digest · ${state.people.length} people and the Cadence app</div>`;
  }
  const tab = (name, label) =>
    `<button type="button" class="tab${view === name ? " active" : ""}" data-tab="${name}" data-testid="tab-${name}">${label}</button>`;
  return `<div><h1><span class="app-icon">C</span> Cadence</h1></div><div class="tabs" role="tablist">${tab("home", "Home")}${tab("dm", "Messages")}</div>`;
}

/** A conversation's messages and the reader's ephemeral answers, in time order, with day dividers. */
export function conversationHtml(state, conversation) {
  const reader = readerContext(state);
  const items = [
    ...conversation.messages.map((message) => ({ at: dateOfTs(message.ts), html: () => messageHtml(state, conversation.id, message, { inThread: false }) })),
    ...conversation.ephemerals.map((ephemeral) => ({ at: new Date(ephemeral.at), html: () => ephemeralHtml(state, ephemeral) })),
  ].sort((a, b) => a.at - b.at);
  if (items.length === 0) return `<div class="empty">No messages yet.</div>`;
  let lastDay = "";
  return items
    .map((item) => {
      const day = formatDay(item.at, reader.tz);
      const divider = day !== lastDay ? `<div class="day-divider"><span>${escapeHtml(day)}</span></div>` : "";
      lastDay = day;
      return divider + item.html();
    })
    .join("");
}

export function messageHtml(state, channel, message, { inThread }) {
  const reader = readerContext(state);
  const author = message.bot ? state.bot.name : (reader.users.get(message.user)?.realName ?? message.user);
  const at = dateOfTs(message.ts);
  const context = { ...reader, container: { type: "message", channel, ts: message.ts } };
  const body = message.blocks?.length ? renderBlocks(message.blocks, context) : `<div class="b-text">${mrkdwn(message.text, context)}</div>`;
  const replies =
    !inThread && message.replies.length > 0
      ? `<button type="button" class="replies" data-thread="${escapeHtml(message.ts)}" data-testid="replies">${message.replies.length} ${message.replies.length === 1 ? "reply" : "replies"}</button>`
      : "";
  return `<article class="message" data-ts="${escapeHtml(message.ts)}" data-testid="message">
    ${avatarHtml(message.user, author, message.bot)}
    <div class="message-body">
      <div class="message-head"><b>${escapeHtml(author)}</b>${message.bot ? '<span class="app-tag">APP</span>' : ""}<time datetime="${at.toISOString()}" title="${escapeHtml(formatClock(at, reader.tz))}">${escapeHtml(formatTime(at, reader.tz))}</time>${message.edited ? '<span class="edited">(edited)</span>' : ""}</div>
      ${body}
      ${replies}
    </div>
  </article>`;
}

function ephemeralHtml(state, ephemeral) {
  const reader = readerContext(state);
  const context = { ...reader, container: { type: "ephemeral", channel: ephemeral.channel, ephemeralId: ephemeral.id } };
  const body = ephemeral.blocks?.length ? renderBlocks(ephemeral.blocks, context) : `<div class="b-text">${mrkdwn(ephemeral.text ?? "", context)}</div>`;
  const at = new Date(ephemeral.at);
  return `<article class="message ephemeral" data-testid="ephemeral">
    <div class="only-you">👁 Only visible to you</div>
    ${avatarHtml(state.bot.id, state.bot.name, true)}
    <div class="message-body">
      <div class="message-head"><b>${escapeHtml(state.bot.name)}</b><span class="app-tag">APP</span><time>${escapeHtml(formatTime(at, reader.tz))}</time></div>
      ${ephemeral.command ? `<div class="ran">${escapeHtml(ephemeral.command)}</div>` : ""}
      ${body}
    </div>
  </article>`;
}

export function threadHtml(state, channel, parent) {
  const replies = parent.replies.map((reply) => messageHtml(state, channel, reply, { inThread: true })).join("");
  return `<header><h2>Thread</h2><button type="button" class="icon-button" data-close-thread aria-label="Close thread">×</button></header>
    <div class="thread-body">
      ${messageHtml(state, channel, parent, { inThread: true })}
      <div class="reply-count">${parent.replies.length} ${parent.replies.length === 1 ? "reply" : "replies"}</div>
      ${replies}
    </div>`;
}

export function homeHtml(state) {
  if (!state.home) return `<div class="home-empty">Opening the Home tab…</div>`;
  return renderBlocks(state.home.view.blocks, { ...readerContext(state), container: { type: "view", viewId: state.home.id } });
}

export function modalHtml(state) {
  const { view, errors, id } = state.modal;
  const context = { ...readerContext(state), container: { type: "view", viewId: id }, errors };
  const title = view.title?.text ?? "";
  return `<div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-view-id="${escapeHtml(id)}">
    <header><h2 id="modal-title">${escapeHtml(title)}</h2><button type="button" class="icon-button" data-modal-close aria-label="Close">×</button></header>
    <form class="modal-body" id="modal-form" novalidate>${renderBlocks(view.blocks, context)}</form>
    <footer>
      <button type="button" class="b-button" data-modal-close>${escapeHtml(view.close?.text ?? (view.submit ? "Cancel" : "Close"))}</button>
      ${view.submit ? `<button type="submit" form="modal-form" class="b-button primary" data-testid="modal-submit">${escapeHtml(view.submit.text)}</button>` : ""}
    </footer>
  </div>`;
}

export function callsHtml(state) {
  return [...state.calls]
    .reverse()
    .map(
      (call) =>
        `<li class="${call.ok ? "ok" : "fail"}"><code>${escapeHtml(call.method)}</code>${call.ok ? "" : ` → ${escapeHtml(call.error ?? "failed")}`}</li>`,
    )
    .join("");
}

/** The agents' calls to Cadence's agent API, newest first: method, path, status, the seat, what was sent and answered. */
export function agentCallsHtml(state) {
  if (state.agentCalls.length === 0) return `<li class="agent-call-none">None yet: “Agents push numbers” above the conversation.</li>`;
  return [...state.agentCalls]
    .reverse()
    .map(
      (call) =>
        `<li class="agent-call ${call.status < 300 ? "ok" : "fail"}" data-testid="agent-call"><div><code>${escapeHtml(call.method)} ${escapeHtml(call.path)}</code> <b class="status">${call.status}</b></div><div class="agent-seat">🤖 ${escapeHtml(call.seat)}</div><div class="agent-summary">${escapeHtml(call.summary)}</div></li>`,
    )
    .join("");
}

/** Commands to try, by where the reader is and what they may do. */
export function hintsHtml(state, view) {
  const me = state.people.find((person) => person.id === state.as);
  const chips = ["/issue list", "/issue add ", "/scorecard", '/scorecard "CSAT"'];
  if (me?.isAdmin) chips.push("/cadence seat list", "/cadence help");
  if (view === "dm") {
    return `<span>Reply with numbers, one per line or <code>KPI name: value</code>, or try</span>${chips.map(chipHtml).join("")}`;
  }
  return `<span>Try</span>${chips.map(chipHtml).join("")}`;
}

function chipHtml(text) {
  return `<button type="button" class="chip" data-fill="${escapeHtml(text)}">${escapeHtml(text.trim())}</button>`;
}
