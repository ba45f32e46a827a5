// Block Kit → HTML, close enough to Slack to read. Interactive elements carry what a click must send
// (data-action); unknown blocks and elements are shown as such, never dropped.
import { escapeHtml, plainText, textObject } from "./mrkdwn.js";

/**
 * @typedef {object} BlockContext
 * @property {object} container   where the blocks live: {type:"message",channel,ts} | {type:"ephemeral",…} | {type:"view",viewId}
 * @property {Map<string, {realName: string}>} users
 * @property {string} me           the acting user
 * @property {string} tz           the acting user's time zone
 * @property {Date} now            demo time
 * @property {Record<string,string>} [errors]  modal field errors by block id
 */

export function renderBlocks(blocks, context) {
  return (blocks ?? []).map((block, index) => renderBlock(block, index, context)).join("");
}

function renderBlock(block, index, context) {
  const blockId = block.block_id ?? `b${index}`;
  switch (block.type) {
    case "header":
      return `<div class="b-header">${plainText(block.text)}</div>`;
    case "section":
      return section(block, blockId, context);
    case "context":
      return `<div class="b-context">${(block.elements ?? []).map((element) => contextElement(element, context)).join("")}</div>`;
    case "divider":
      return `<hr class="b-divider">`;
    case "actions":
      return `<div class="b-actions">${(block.elements ?? []).map((element) => interactive(element, blockId, context)).join("")}</div>`;
    case "input":
      return input(block, blockId, context);
    case "image":
      return `<figure class="b-image">[image: ${escapeHtml(block.alt_text ?? "")}]${block.title ? `<figcaption>${plainText(block.title)}</figcaption>` : ""}</figure>`;
    default:
      return unsupported("block", block.type);
  }
}

function unsupported(kind, type) {
  return `<div class="b-unsupported">[unsupported ${kind}: ${escapeHtml(String(type))}]</div>`;
}

function section(block, blockId, context) {
  const text = block.text ? `<div class="b-text">${textObject(block.text, context)}</div>` : "";
  const fields = block.fields?.length
    ? `<div class="b-fields">${block.fields.map((field) => `<div class="b-text">${textObject(field, context)}</div>`).join("")}</div>`
    : "";
  const accessory = block.accessory ? `<div class="b-accessory">${interactive(block.accessory, blockId, context)}</div>` : "";
  return `<div class="b-section"><div class="b-section-body">${text}${fields}</div>${accessory}</div>`;
}

function contextElement(element, context) {
  if (element.type === "image") return `<span class="b-context-image">[${escapeHtml(element.alt_text ?? "image")}]</span>`;
  if (element.type === "mrkdwn" || element.type === "plain_text") return `<span class="b-text">${textObject(element, context)}</span>`;
  return unsupported("element", element.type);
}

/** What the page sends when this element is used: the container, plus the element as Slack reports it. */
function actionAttribute(context, action) {
  return escapeHtml(JSON.stringify({ container: context.container, action }));
}

function interactive(element, blockId, context) {
  const base = { block_id: blockId, action_id: element.action_id ?? "", type: element.type };
  switch (element.type) {
    case "button": {
      const style = element.style === "primary" ? " primary" : element.style === "danger" ? " danger" : "";
      const action = { ...base, text: element.text, ...(element.value !== undefined ? { value: element.value } : {}) };
      const link = element.url ? ` data-url="${escapeHtml(element.url)}"` : "";
      return `<button type="button" class="b-button${style}" data-action="${actionAttribute(context, action)}"${link}>${plainText(element.text)}</button>`;
    }
    case "static_select":
      return `<select class="b-select" data-select="${actionAttribute(context, base)}">${placeholder(element)}${selectOptions(element, element.initial_option)}</select>`;
    case "users_select":
      return `<select class="b-select" data-select="${actionAttribute(context, base)}">${placeholder(element)}${userOptions(context, element.initial_user)}</select>`;
    case "overflow":
      return `<select class="b-select b-overflow" data-select="${actionAttribute(context, base)}"><option value="" selected>⋯</option>${selectOptions(element)}</select>`;
    default:
      return `<span class="b-unsupported">[unsupported element: ${escapeHtml(String(element.type))}]</span>`;
  }
}

function placeholder(element) {
  const text = element.placeholder ? plainText(element.placeholder) : "Select…";
  return `<option value="" ${element.initial_option || element.initial_user ? "" : "selected"} disabled>${text}</option>`;
}

/** Each option carries its whole option object: Slack sends it back as `selected_option`. */
function selectOptions(element, initial) {
  const option = (candidate) => {
    const selected = initial && initial.value === candidate.value ? " selected" : "";
    return `<option value="${escapeHtml(JSON.stringify(candidate))}"${selected}>${plainText(candidate.text)}</option>`;
  };
  if (element.option_groups) {
    return element.option_groups
      .map((group) => `<optgroup label="${escapeHtml(group.label?.text ?? "")}">${group.options.map(option).join("")}</optgroup>`)
      .join("");
  }
  return (element.options ?? []).map(option).join("");
}

function userOptions(context, initial) {
  return [...context.users.entries()]
    .filter(([, user]) => !user.bot)
    .map(([id, user]) => `<option value="${escapeHtml(id)}"${id === initial ? " selected" : ""}>${escapeHtml(user.realName)}</option>`)
    .join("");
}

/** An input block of a modal: the field, its label, hint and the error the app answered for it. */
function input(block, blockId, context) {
  const element = block.element ?? {};
  const error = context.errors?.[blockId];
  const fieldId = `field-${blockId}`;
  let field;
  switch (element.type) {
    case "plain_text_input": {
      const attributes = `id="${escapeHtml(fieldId)}" class="b-field" ${element.max_length ? `maxlength="${Number(element.max_length)}"` : ""} placeholder="${escapeHtml(element.placeholder?.text ?? "")}"`;
      field = element.multiline
        ? `<textarea ${attributes} rows="3">${escapeHtml(element.initial_value ?? "")}</textarea>`
        : `<input type="text" ${attributes} value="${escapeHtml(element.initial_value ?? "")}">`;
      break;
    }
    case "static_select":
      field = `<select id="${escapeHtml(fieldId)}" class="b-field"><option value="" ${element.initial_option ? "" : "selected"}>${element.placeholder ? plainText(element.placeholder) : "Choose…"}</option>${selectOptions(element, element.initial_option)}</select>`;
      break;
    case "users_select":
      field = `<select id="${escapeHtml(fieldId)}" class="b-field"><option value="">${element.placeholder ? plainText(element.placeholder) : "Choose a person…"}</option>${userOptions(context, element.initial_user)}</select>`;
      break;
    default:
      field = `<span class="b-unsupported">[unsupported element: ${escapeHtml(String(element.type))}]</span>`;
  }
  return `<div class="b-input${error ? " has-error" : ""}" data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(element.action_id ?? "")}" data-element-type="${escapeHtml(element.type ?? "")}">
    <label for="${escapeHtml(fieldId)}">${plainText(block.label)}${block.optional ? ' <span class="b-optional">(optional)</span>' : ""}</label>
    ${field}
    ${block.hint ? `<div class="b-hint">${plainText(block.hint)}</div>` : ""}
    ${error ? `<div class="b-error" role="alert">${escapeHtml(error)}</div>` : ""}
  </div>`;
}

/** The `view.state.values` Slack sends with a submission, read from the rendered inputs. */
export function readInputValues(root) {
  const values = {};
  for (const wrapper of root.querySelectorAll(".b-input")) {
    const { blockId, actionId, elementType } = wrapper.dataset;
    const field = wrapper.querySelector(".b-field");
    if (!field) continue;
    let state;
    if (elementType === "plain_text_input") state = { type: elementType, value: field.value === "" ? null : field.value };
    else if (elementType === "static_select") state = { type: elementType, selected_option: field.value ? JSON.parse(field.value) : null };
    else if (elementType === "users_select") state = { type: elementType, selected_user: field.value || null };
    else continue;
    values[blockId] = { [actionId]: state };
  }
  return values;
}
