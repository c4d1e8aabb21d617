import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type ProxyMode = 'open' | 'cut' | 'stall' | 'freeze';

/**
 * A TCP proxy of the tests' own between Laurel and a server (PostgreSQL), to
 * make outages on demand: `cut` refuses new connections and drops the open
 * ones; `stall` drops the open ones and accepts new ones, answering nothing;
 * `freeze` keeps every connection and holds the bytes both ways until the
 * proxy opens again, then delivers them, late: a statement sent during a
 * freeze reaches the server after its sender gave up on it, as it does when a
 * database or a network pauses.
 */
export class TcpProxy {
  private mode: ProxyMode = 'open';
  private readonly sockets = new Set<Socket>();
  private readonly thaws = new Set<() => void>();

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

  get current(): ProxyMode {
    return this.mode;
  }

  set(mode: ProxyMode): void {
    this.mode = mode;
    if (mode === 'cut' || mode === 'stall') {
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    }
    if (mode === 'open') for (const thaw of [...this.thaws]) thaw();
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
    const toUpstream = this.forward(client, upstream);
    const toClient = this.forward(upstream, client);
    // A side that closes while frozen closes the other only after what it sent was delivered.
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      if (this.mode === 'freeze') toClient();
      else client.destroy();
    });
    client.on('close', () => {
      if (this.mode === 'freeze') toUpstream();
      else upstream.destroy();
    });
  }

  /**
   * Copies `from` to `to`, holding what arrives while frozen and sending it,
   * in order, once open again. Returns `finish`: end `to` once all is sent.
   */
  private forward(from: Socket, to: Socket): () => void {
    const held: Buffer[] = [];
    let ended = false;
    const thaw = (): void => {
      while (held.length > 0 && !to.destroyed) to.write(held.shift()!);
      if (ended && !to.destroyed) {
        to.end();
        this.thaws.delete(thaw);
      }
    };
    this.thaws.add(thaw);
    from.on('data', (chunk: Buffer) => {
      if (this.mode === 'freeze' || held.length > 0) held.push(chunk);
      else to.write(chunk);
      if (this.mode === 'open') thaw();
    });
    const finish = (): void => {
      ended = true;
      if (this.mode !== 'freeze') thaw();
    };
    from.on('end', finish);
    return finish;
  }
}
