// Loaded with `node --import` before a contract's JavaScript sample by the end-to-end suite (deploy/e2e,
// ContractSampleRunner). It gives the sample what a browser page on the platform's origin would have, and nothing else:
// - relative fetch URLs resolve against $E2E_BASE_URL (the page's origin);
// - localStorage holds the credential under 'token' (conversations.md's ChatService reads it from there);
// - fetch adds `X-API-Key: $E2E_API_KEY` when the sample sends neither X-API-Key nor Authorization.
// Every HTTP exchange is recorded in $E2E_EXCHANGE_DIR (NNNN.meta: method, url, status; NNNN.body) and every WebSocket
// message received as NNNN.ws, for the Java test to check against the contract. With E2E_WS_EXIT_ON_FINAL=1 the
// process ends once a WebSocket delivered a final text message (the sample itself never closes its socket).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.E2E_BASE_URL;
const key = process.env.E2E_API_KEY;
const dir = process.env.E2E_EXCHANGE_DIR;
let counter = 0;
const next = (suffix) => join(dir, `js-${String(++counter).padStart(4, '0')}.${suffix}`);

globalThis.localStorage = {
  getItem: (name) => (name === 'token' ? key : null),
  setItem: () => {},
  removeItem: () => {},
};

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const url = new URL(String(input), base).toString();
  const headers = new Headers(init.headers || {});
  if (!headers.has('x-api-key') && !headers.has('authorization')) headers.set('X-API-Key', key);
  const method = (init.method || 'GET').toUpperCase();
  const response = await realFetch(url, { ...init, headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (dir) {
    const file = next('body');
    writeFileSync(file, body);
    writeFileSync(file.replace(/\.body$/, '.meta'), `${method}\n${url}\n${response.status}\n`);
  }
  const empty = [101, 204, 205, 304].includes(response.status);
  return new Response(empty ? null : body, { status: response.status, headers: response.headers });
};

if (globalThis.WebSocket) {
  const RealWebSocket = globalThis.WebSocket;
  globalThis.WebSocket = class extends RealWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        if (dir) writeFileSync(next('ws'), String(event.data));
        if (process.env.E2E_WS_EXIT_ON_FINAL === '1') {
          try {
            const message = JSON.parse(String(event.data));
            if (message.type === 'text' && message.metadata && message.metadata.is_final) {
              setTimeout(() => { this.close(1000); setTimeout(() => process.exit(0), 200); }, 100);
            }
          } catch (e) { /* not JSON: recorded as it came */ }
        }
      });
    }
  };
}
