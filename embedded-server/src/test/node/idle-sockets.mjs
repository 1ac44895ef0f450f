// Opens many Socket.IO connections with the official JavaScript client and holds them open, for the idle-socket
// and connect-storm benchmarks. Input (environment): VR_URL, VR_COUNT, VR_TRANSPORTS ("websocket" or
// "polling,websocket"), VR_WINDOW (connects in flight at once; default VR_COUNT, i.e. all at once), VR_TOKENS (a
// file with one access token per line, used in turn; none for a server without sign-in), VR_ACKS (acked
// "room:leave" events each connection sends once connected; default 0).
// Prints one JSON line when every connection has settled: connected, failed (with reasons), the seconds from the
// first connect to the last, and each connection's connect time percentiles. Then it holds the connections until
// a line arrives on stdin, closes them and exits; the exit code is 1 if any failed.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const url = process.env.VR_URL;
const count = Number(process.env.VR_COUNT);
const transports = (process.env.VR_TRANSPORTS ?? "websocket").split(",");
const window = Number(process.env.VR_WINDOW ?? count);
const acks = Number(process.env.VR_ACKS ?? 0);
const tokens = process.env.VR_TOKENS
  ? readFileSync(process.env.VR_TOKENS, "utf8").split("\n").filter((t) => t.length > 0) : [];
if (!url || !(count > 0) || !(window > 0)) {
  console.error("VR_URL, VR_COUNT > 0 and VR_WINDOW > 0 are required");
  process.exit(2);
}

const sockets = [];
const connectMillis = [];
const failures = {};
let settled = 0;
let started = 0;
const begin = performance.now();
let lastSettled = begin;
let done;
const allSettled = new Promise((resolve) => { done = resolve; });

const fail = (reason) => { failures[reason] = (failures[reason] ?? 0) + 1; };
const settle = () => {
  settled++;
  lastSettled = performance.now();
  if (settled === count) done();
  else if (started < count) open();
};
const roundTrips = async (socket) => {
  for (let i = 0; i < acks; i++) {
    const ack = await socket.timeout(60_000).emitWithAck("room:leave", { roomId: "0123456789abcdef01234567" });
    if (ack?.ok !== false && ack?.ok !== true) throw new Error(`not an answer: ${JSON.stringify(ack)}`);
  }
};

function open() {
  const index = started++;
  const options = { transports, reconnection: false, forceNew: true };
  if (tokens.length > 0) options.auth = { token: tokens[index % tokens.length] };
  const t0 = performance.now();
  const socket = io(url, options);
  sockets.push(socket);
  let over = false;
  const finish = (reason) => {
    if (over) return;
    over = true;
    if (reason) fail(reason);
    settle();
  };
  socket.on("connect_error", (err) => finish(`connect_error: ${err.message} ${JSON.stringify(err.data ?? "")}`));
  socket.on("disconnect", (reason) => {
    if (!over) finish(`disconnect: ${reason}`);
    else if (!closing) fail(`disconnect after connect: ${reason}`);
  });
  socket.on("connect", () => {
    connectMillis.push(performance.now() - t0);
    roundTrips(socket).then(() => finish(null), (err) => finish(`ack: ${err.message}`));
  });
}

let closing = false;
for (let i = 0; i < Math.min(window, count); i++) open();
await allSettled;
const sorted = [...connectMillis].sort((a, b) => a - b);
const at = (q) => sorted.length === 0 ? null
  : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
const failed = Object.values(failures).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({
  connected: connectMillis.length, failed, failures, seconds: Math.round(lastSettled - begin) / 1000,
  connectMs: { p50: at(0.5), p99: at(0.99), max: at(1) },
}));

createInterface({ input: process.stdin }).once("line", () => {
  closing = true;
  const lost = Object.values(failures).reduce((a, b) => a + b, 0) - failed;
  if (lost > 0) console.log(JSON.stringify({ droppedWhileIdle: lost, failures }));
  sockets.forEach((s) => s.close());
  process.exit(failed + lost > 0 ? 1 : 0);
});
