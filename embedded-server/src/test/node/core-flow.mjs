// Drives the core live-room flow with the official JavaScript socket.io-client 4.x against a running server.
// Input (environment): VR_URL, VR_ROOM, VR_TRANSPORTS ("websocket" or "polling,websocket"), and for host,
// listener and third: VR_<WHO>_TOKEN and VR_<WHO>_ID. Prints one JSON line per step; exits 1 on any failure.
import { io } from "socket.io-client";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`missing ${name}`);
  return value;
};
const url = env("VR_URL");
const roomId = env("VR_ROOM");
const transports = env("VR_TRANSPORTS").split(",");
const people = Object.fromEntries(["HOST", "LISTENER", "THIRD"].map((who) =>
  [who.toLowerCase(), { token: env(`VR_${who}_TOKEN`), id: env(`VR_${who}_ID`) }]));

const step = (name, detail = {}) => console.log(JSON.stringify({ step: name, ...detail }));
const fail = (message) => {
  console.error(JSON.stringify({ step: "failed", message }));
  process.exit(1);
};
setTimeout(() => fail("timed out after 20 s"), 20_000).unref();

const connect = (token) => new Promise((resolve, reject) => {
  const socket = io(url, { auth: { token }, transports, reconnection: false });
  socket.on("connect", () => resolve(socket));
  socket.on("connect_error", (err) => reject(Object.assign(new Error(err.message), { data: err.data })));
});
const waitFor = (socket, event, matches = () => true) => new Promise((resolve) => {
  const handler = (payload) => {
    if (matches(payload)) {
      socket.off(event, handler);
      resolve(payload);
    }
  };
  socket.on(event, handler);
});
const call = async (socket, event, payload) => socket.timeout(5000).emitWithAck(event, payload);
const expectOk = (ack, what) => {
  if (!ack || ack.ok !== true) fail(`${what}: expected ok, got ${JSON.stringify(ack)}`);
  return ack;
};

try {
  try {
    await connect("not-a-token");
    fail("a bad token was accepted");
  } catch (err) {
    if (err.data?.code !== "UNAUTHORIZED") fail(`bad token: expected UNAUTHORIZED, got ${JSON.stringify(err.data)}`);
    step("bad-token-refused", { code: err.data.code });
  }

  const host = await connect(people.host.token);
  const listener = await connect(people.listener.token);
  const third = await connect(people.third.token);
  step("connected", { transport: host.io.engine.transport.name });

  const hostJoin = expectOk(await call(host, "room:join", { roomId }), "host join");
  if (hostJoin.state.you.role !== "host") fail(`host role ${hostJoin.state.you.role}`);
  step("host-joined", { role: hostJoin.state.you.role });

  const arrival = waitFor(host, "room:participant-joined", (p) => p.participant.userId === people.listener.id);
  const listenerJoin = expectOk(await call(listener, "room:join", { roomId }), "listener join");
  await arrival;
  step("listener-joined", { role: listenerJoin.state.you.role, participants: listenerJoin.state.participants.length });
  expectOk(await call(third, "room:join", { roomId }), "third join");

  const hand = waitFor(host, "room:hand-raised", (p) => p.userId === people.listener.id);
  expectOk(await call(listener, "room:hand-raise", { roomId }), "hand raise");
  await hand;
  step("hand-raised");

  const isPromotion = (p) => p.userId === people.listener.id && p.role === "speaker";
  const seen = Promise.all([host, listener, third].map((s) => waitFor(s, "room:role-changed", isPromotion)));
  const promoted = waitFor(listener, "room:promoted");
  expectOk(await call(host, "room:promote", { roomId, userId: people.listener.id }), "promote");
  const changes = await seen;
  await promoted;
  step("promoted", { seenBy: changes.length });

  const kicked = waitFor(third, "room:kicked");
  expectOk(await call(host, "room:kick", { roomId, userId: people.third.id }), "kick");
  await kicked;
  const rejoin = await call(third, "room:join", { roomId });
  if (rejoin.ok !== false || rejoin.error?.code !== "KICKED") fail(`rejoin after kick: ${JSON.stringify(rejoin)}`);
  step("kicked", { rejoin: rejoin.error.code });

  const unknown = await call(host, "room:teleport", { roomId });
  if (unknown.error?.code !== "UNKNOWN_EVENT") fail(`unknown event: ${JSON.stringify(unknown)}`);
  step("unknown-event-answered", { code: unknown.error.code, transport: host.io.engine.transport.name });

  [host, listener, third].forEach((s) => s.close());
  step("done");
  process.exit(0);
} catch (err) {
  fail(err.stack || String(err));
}
