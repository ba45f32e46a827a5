/** The Slack error code of a rejected WebClient call (`not_in_channel`); fails the test when the call succeeds. */
export async function slackErrorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: string } }).data?.error ?? String(error);
  }
  throw new Error("expected the call to fail");
}
