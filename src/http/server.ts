// The process's one HTTP server: health and readiness for orchestrators, and the chat
// platforms' endpoints mounted by the composition root. Knows nothing about the domain.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";

export type RouteHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

export interface Readiness {
  ready: boolean;
  details: Record<string, unknown>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  readiness: () => Promise<Readiness>;
  /** Exact-path routes, e.g. { "/slack/events": boltListener }. */
  routes?: Record<string, RouteHandler>;
}

export interface RunningHttpServer {
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections and waits for requests in flight (up to timeoutMs). */
  close(timeoutMs: number): Promise<void>;
  addRoute(path: string, handler: RouteHandler): void;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const routes = new Map(Object.entries(options.routes ?? {}));
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | undefined;

  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (closing && pathname !== "/healthz") {
      response.setHeader("connection", "close");
      sendJson(response, 503, { ok: false, error: "shutting_down" });
      return;
    }
    inFlight += 1;
    response.on("close", () => {
      inFlight -= 1;
      if (closing && inFlight === 0) drained?.();
    });
    void handle(pathname, request, response).catch((error: unknown) => {
      // The error alone (the logger's serializer keeps its type, message and stack): never the
      // request, whose headers carry cookies and tokens.
      options.logger.error({ err: error, path: pathname.slice(0, 200) }, "request failed");
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: "internal_error" });
      else response.end();
    });
  });

  async function handle(pathname: string, request: http.IncomingMessage, response: http.ServerResponse) {
    if ((pathname === "/healthz" || pathname === "/readyz") && request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("allow", "GET");
      sendJson(response, 405, { ok: false, error: "method_not_allowed" });
      return;
    }
    if (pathname === "/healthz") {
      sendJson(response, 200, { ok: true });
      return;
    }
    if (pathname === "/readyz") {
      const readiness = await options.readiness();
      sendJson(response, readiness.ready ? 200 : 503, { ok: readiness.ready, ...readiness.details });
      return;
    }
    const route = routes.get(pathname);
    if (route) {
      await route(request, response);
      return;
    }
    sendJson(response, 404, { ok: false, error: "not_found" });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host === "0.0.0.0" ? "127.0.0.1" : options.host;

  return {
    port,
    url: `http://${host}:${port}`,
    addRoute(path, handler) {
      routes.set(path, handler);
    },
    async close(timeoutMs) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await stopped;
    },
  };
}
