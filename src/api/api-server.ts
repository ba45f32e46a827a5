// In Socket Mode Slack opens no HTTP connection to Cadence, so the agent API gets a server of its own.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export async function startApiServer(port: number, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return server;
}

export async function stopApiServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
