// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      onResponse?(status: number, body: string, context: unknown, headers: Record<string, string>): void;
      /** Called before each request is sent; returns the request to send. */
      setupRequest?(request: Request, context: unknown): Request;
    }
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      /** Requests per second across all connections (a fixed rate instead of as fast as possible). */
      overallRate?: number;
      /** Seconds. */
      timeout?: number;
      requests?: Request[];
    }
    interface Stats {
      average: number;
      p50: number;
      p99: number;
      min: number;
      max: number;
      total: number;
    }
    interface Result {
      /** Seconds, measured. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds, 2xx responses only. */
      latency: Stats;
      /** Per-second samples; `total` counts completed requests. */
      requests: Stats & { sent: number };
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
