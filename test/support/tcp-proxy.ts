import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type ProxyMode = 'open' | 'cut' | 'stall';

/**
 * A TCP proxy of the tests' own between Laurel and a server (PostgreSQL), to
 * make outages on demand: `cut` refuses new connections and drops the open
 * ones; `stall` accepts and holds everything, answering nothing.
 */
export class TcpProxy {
  private mode: ProxyMode = 'open';
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(upstreamHost: string, upstreamPort: number): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => proxy.accept(client, upstreamHost, upstreamPort));
    return proxy;
  }

  set(mode: ProxyMode): void {
    this.mode = mode;
    if (mode !== 'open') for (const socket of this.sockets) socket.destroy();
    if (mode !== 'open') this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.set('cut');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, host: string, port: number): void {
    client.on('error', () => undefined);
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    if (this.mode === 'stall') return;
    const upstream = connect(port, host);
    upstream.on('error', () => client.destroy());
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  }
}
