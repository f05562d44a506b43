import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';

/** A TCP server that accepts connections and never answers: what a hung endpoint looks like to a client. */
export interface SilentServer {
  /** `http://127.0.0.1:<port>/v1`, to use as a provider's base_url. */
  baseURL: string;
  port: number;
  /**
   * HTTP requests received so far: the attempts a client made. (Not connections: undici may open a spare one.) A
   * request that is never answered holds its connection, so each arrives on a connection of its own.
   */
  requests(): number;
  close(): Promise<void>;
}

const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/1\.[01]\r\n/;

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let received = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', (chunk) => {
      if (REQUEST_LINE.test(chunk.toString('latin1'))) received++;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    requests: () => received,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
