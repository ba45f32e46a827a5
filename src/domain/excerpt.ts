// Quoting user input back in an error message without letting it take over the message.
/** A short, one-line quote of user input for an error message: whitespace squashed, long text cut. */
export function excerpt(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
