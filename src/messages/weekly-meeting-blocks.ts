// The rest of the weekly meeting in messages: who was away, priorities and to-dos, one block each, in the
// digest and on the home tab.
import type { DigestModel } from "../domain/digest";
import { compactList } from "./compact-list";
import { divider, type Block } from "./limits";
import type { Priority } from "../domain/priority";
import type { Todo } from "../domain/todo";
import { digestPriorityLines, priorityLine } from "./priority-blocks";
import { awayLine } from "./time-off-blocks";
import { digestTodoBlock, todoLine } from "./todo-blocks";

export function weeklyMeetingBlocks(model: DigestModel): Block[] {
  const blocks: Block[] = [];
  if (model.awayOwners.length > 0)
    blocks.push(compactList("*Away this week*", model.awayOwners.map(awayLine), (count) => `…and ${count} more: \`/cadence away list\``));
  if (model.priorities.length > 0) {
    const priorities = digestPriorityLines(model.priorities);
    blocks.push(compactList(priorities.title, priorities.lines, (count) => `…and ${count} more off track: \`/priority list\``));
  }
  if (model.todos) blocks.push(digestTodoBlock(model.todos.completion, model.todos.overdue));
  return blocks.length === 0 ? [] : [divider, ...blocks];
}

/** A person's own open priorities and to-dos on their home tab: a divider and at most two blocks. */
export function homeCommitmentBlocks(priorities: Priority[], todos: Todo[]): Block[] {
  if (priorities.length === 0 && todos.length === 0) return [];
  const blocks: Block[] = [divider];
  if (priorities.length > 0)
    blocks.push(compactList(`*Your priorities* (${priorities.length})`, priorities.map(priorityLine), (count) => `…and ${count} more: \`/priority list\``));
  if (todos.length > 0) blocks.push(compactList(`*Your to-dos* (${todos.length})`, todos.map(todoLine), (count) => `…and ${count} more: \`/todo list\``));
  return blocks;
}
