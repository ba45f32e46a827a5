/**
 * Block Kit rules the local Slack enforces, as Slack documents them. Each rule names the limit it checks in
 * src/messages/limits.ts (BLOCK_KIT_LIMITS, where each number cites its Slack page), so Cadence and this fake
 * share one definition. A problem reads like Slack's own `response_metadata.messages`:
 * "must be less than 76 characters [json-pointer:/blocks/2/elements/0/text]".
 */
import { BLOCK_KIT_LIMITS as LIMIT } from "../../src/messages/limits";

export type Surface = "message" | "modal" | "home";

type Json = Record<string, any>;

/** Everything wrong with `blocks` for this surface; empty when Slack would take them. */
export function blockKitProblems(blocks: unknown, surface: Surface): string[] {
  if (!Array.isArray(blocks)) return ["must be an array [json-pointer:/blocks]"];
  const problems: string[] = [];
  const maxBlocks = surface === "message" ? LIMIT.messageBlocks : LIMIT.viewBlocks;
  if (blocks.length > maxBlocks) problems.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const seenIds = new Set<string>();
  blocks.forEach((block: unknown, index) => {
    const at = `/blocks/${index}`;
    if (!isObject(block) || typeof block.type !== "string") {
      problems.push(`missing required field: type [json-pointer:${at}]`);
      return;
    }
    if (typeof block.block_id === "string") {
      maxLength(problems, block.block_id, LIMIT.blockId, `${at}/block_id`);
      if (seenIds.has(block.block_id)) problems.push(`duplicate block_id "${block.block_id}" [json-pointer:${at}/block_id]`);
      seenIds.add(block.block_id);
    }
    problems.push(...blockProblems(block, at));
  });
  return problems;
}

/** Problems of a view's own fields (blocks are checked by blockKitProblems). */
export function viewFieldProblems(view: Json): string[] {
  const problems: string[] = [];
  if (view.type === "modal") {
    textMax(problems, view.title, LIMIT.modalTitle, "/view/title/text");
    textMax(problems, view.submit, LIMIT.modalButton, "/view/submit/text");
    textMax(problems, view.close, LIMIT.modalButton, "/view/close/text");
  }
  if (typeof view.private_metadata === "string") maxLength(problems, view.private_metadata, LIMIT.privateMetadata, "/view/private_metadata");
  return problems;
}

/** The block_ids a message's blocks set themselves (Slack generates the others). */
export function explicitBlockIds(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.filter((block) => isObject(block) && typeof block.block_id === "string").map((block) => block.block_id as string);
}

function blockProblems(block: Json, at: string): string[] {
  const problems: string[] = [];
  switch (block.type) {
    case "section":
      textMax(problems, block.text, LIMIT.sectionText, `${at}/text`);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > LIMIT.sectionFields) problems.push(`no more than ${LIMIT.sectionFields} items allowed [json-pointer:${at}/fields]`);
        block.fields.forEach((field: unknown, index: number) => textMax(problems, field, LIMIT.sectionFieldText, `${at}/fields/${index}`));
      }
      if (isObject(block.accessory)) problems.push(...elementProblems(block.accessory, `${at}/accessory`));
      break;
    case "header":
      textMax(problems, block.text, LIMIT.headerText, `${at}/text`);
      break;
    case "context":
      if (Array.isArray(block.elements)) {
        if (block.elements.length > LIMIT.contextElements) problems.push(`no more than ${LIMIT.contextElements} items allowed [json-pointer:${at}/elements]`);
        block.elements.forEach((element: unknown, index: number) => textMax(problems, element, LIMIT.contextText, `${at}/elements/${index}`));
      }
      break;
    case "actions":
      if (Array.isArray(block.elements)) {
        if (block.elements.length > LIMIT.actionsElements) problems.push(`no more than ${LIMIT.actionsElements} items allowed [json-pointer:${at}/elements]`);
        block.elements.forEach((element: unknown, index: number) => {
          if (isObject(element)) problems.push(...elementProblems(element, `${at}/elements/${index}`));
        });
      }
      break;
    case "input":
      textMax(problems, block.label, LIMIT.inputLabel, `${at}/label`);
      textMax(problems, block.hint, LIMIT.inputHint, `${at}/hint`);
      if (isObject(block.element)) problems.push(...elementProblems(block.element, `${at}/element`));
      break;
  }
  return problems;
}

function elementProblems(element: Json, at: string): string[] {
  const problems: string[] = [];
  if (typeof element.action_id === "string") maxLength(problems, element.action_id, LIMIT.actionId, `${at}/action_id`);
  if (element.type === "button") {
    textMax(problems, element.text, LIMIT.buttonText, `${at}/text`);
    if (typeof element.value === "string") maxLength(problems, element.value, LIMIT.buttonValue, `${at}/value`);
  }
  if (element.type === "plain_text_input" && typeof element.max_length === "number" && element.max_length > LIMIT.plainTextInputMaxLength) {
    problems.push(`must be at most ${LIMIT.plainTextInputMaxLength} [json-pointer:${at}/max_length]`);
  }
  return problems;
}

/** A text object's text (or a bare string) within `max` characters, counted as sent: `&amp;` is five. */
function textMax(problems: string[], text: unknown, max: number, at: string): void {
  const value = typeof text === "string" ? text : isObject(text) && typeof text.text === "string" ? text.text : undefined;
  if (value !== undefined) maxLength(problems, value, max, isObject(text) ? `${at}/text` : at);
}

function maxLength(problems: string[], value: string, max: number, at: string): void {
  if (value.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${at}]`);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
