// A Voice Rooms client written from the seed's lists: its REST routes and Socket.IO events and payload shapes, with
// docs/REALTIME.md for what the seed leaves open ("A reference client" there). Beyond the seed it uses only:
// POST /api/auth/register and /login (the seed has no sign-in routes), GET /api/ice-servers, room:state's `you` and
// `peers` (the offer rule), room:mute-changed (others' mutes), the `error` event, and the server's field names where
// they differ from the seed's (`role` for `newRole`, `participant` for `user`). Real WebRTC audio through
// @roamhq/wrtc: it sends a tone of its own while on stage and unmuted, and reports which known tone it hears from
// each peer. The reference for third-party clients.
//
//   node seed-client.mjs --server URL --room ROOMID [--name NAME] [--tone 660] [--tones 440,660,880]
//                        [--shape seed|ours] [--report-ms 300]
//
// Prints one JSON object per line on stdout ({"event": ...}). Commands on stdin, one a line: raise-hand,
// lower-hand, speak-request, mute, unmute, bad-events (sends wrong-shaped and unknown events, prints each answer),
// levels, people, leave, quit.
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import wrtc from "@roamhq/wrtc";
import { io } from "socket.io-client";
import { Mesh } from "./mesh.mjs";
import { Hearing, startTone } from "./tones.mjs";

const opts = { name: "Seed", tone: "660", tones: "440,660,880", shape: "seed", "report-ms": "300" };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i];
  if (!key.startsWith("--") || i + 1 >= process.argv.length) usage(`unexpected argument ${key}`);
  opts[key.slice(2)] = process.argv[i + 1];
}
if (!opts.server || !opts.room) usage("--server and --room are required");
if (!["seed", "ours"].includes(opts.shape)) usage("--shape is seed or ours");
const server = opts.server.replace(/\/$/, "");
const roomId = opts.room;

function usage(message) {
  console.error(`${message}\nnode seed-client.mjs --server URL --room ROOMID [--name N] [--tone HZ] `
    + "[--shape seed|ours]");
  process.exit(2);
}

const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");
const fail = (message, detail = {}) => {
  print({ event: "failed", message, ...detail });
  process.exit(1);
};

/** One REST call; a non-2xx answer is thrown with the server's typed error `{code, message, field}`. */
async function rest(method, path, body, token) {
  const headers = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server + path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw Object.assign(new Error(`${method} ${path}: ${res.status} ${text}`), { error: json?.error });
  }
  return json;
}

/** An event with an acknowledgement, as every client → server event of the protocol takes one. */
async function call(socket, event, payload) {
  try {
    return await socket.timeout(5000).emitWithAck(event, payload);
  } catch (e) {
    return { ok: false, error: { code: "NO_ANSWER", message: String(e) } };
  }
}

const once = (socket, event, ms) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
  socket.once(event, (payload) => {
    clearTimeout(timer);
    resolve(payload);
  });
});

// --- REST: an account, a sign-in, the room, the ICE servers ---
const username = `seed-${randomBytes(5).toString("hex")}`;
const password = randomBytes(12).toString("hex");
let auth;
try {
  const registered = await rest("POST", "/api/auth/register", { username, password, displayName: opts.name });
  print({ event: "registered", userId: registered.user.id, username });
  auth = await rest("POST", "/api/auth/login", { username, password });
} catch (e) {
  fail("could not sign in", { error: e.error ?? String(e) });
}
const token = auth.token;
const me = auth.user.id;
let iceServers = [];
try {
  const listing = await rest("GET", `/api/rooms/${roomId}`, undefined, token);
  print({ event: "room", title: listing.room.title, status: listing.room.status });
  iceServers = (await rest("GET", "/api/ice-servers", undefined, token)).iceServers
    .map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }));
} catch (e) {
  fail("could not read the room", { error: e.error ?? String(e) });
}

// --- Socket.IO: the token in the handshake, as the seed's io.use((socket, next) => ...) reads it ---
const socket = io(server, { auth: { token }, transports: ["websocket"], reconnection: false });
try {
  await once(socket, "connect", 10_000);
} catch (e) {
  fail("could not connect", { error: String(e) });
}
socket.on("connect_error", (err) => print({ event: "connect-error", code: err.data?.code, message: err.message }));
socket.on("disconnect", (reason) => print({ event: "disconnected", reason }));
socket.on("error", (body) => print({ event: "error-event", code: body?.error?.code, field: body?.error?.field,
  message: body?.error?.message }));

const tones = opts.tones.split(",").map(Number);
const hearing = new Hearing(tones);
const source = new wrtc.nonstandard.RTCAudioSource();
const track = source.createTrack();
const mesh = new Mesh({ socket, roomId, track, iceServers, shape: opts.shape, hearing, print });
const stopTone = startTone(source, Number(opts.tone), () => mesh.sending());
const reporter = setInterval(() => {
  for (const r of hearing.drain()) print({ event: "hear", ...r });
}, Number(opts["report-ms"]));

// Server → client events, read with the seed's field names where it has them (`newRole`, `{user, role}`,
// `isSpeaking`, `timestamp`; the server sends them beside its own) and the documented ones otherwise.
const inRoom = (p) => p && p.roomId === roomId;
socket.on("room:state", (s) => {
  if (s.room?.id !== roomId) return;
  mesh.state(s);
  print({ event: "state", role: s.you.role, muted: s.you.muted, participants: s.participants.length,
    speakers: s.speakers, listeners: s.listeners, peers: s.peers });
});
socket.on("room:participant-joined", (p) => {
  if (!inRoom(p)) return;
  const who = { userId: p.user.userId, role: p.role, muted: p.user.muted };
  mesh.joined(who);
  print({ event: "joined", userId: who.userId, role: who.role });
});
socket.on("room:participant-left", (p) => {
  if (!inRoom(p)) return;
  mesh.left(p.userId);
  print({ event: "left", userId: p.userId, reason: p.reason });
});
socket.on("room:role-changed", (p) => {
  if (!inRoom(p)) return;
  const role = p.newRole;
  mesh.roleChanged(p.userId, role);
  print({ event: "role", userId: p.userId, role });
});
socket.on("room:mute-changed", (p) => {
  if (!inRoom(p)) return;
  mesh.muteChanged(p.userId, p.muted);
  print({ event: "mute", userId: p.userId, muted: p.muted });
});
socket.on("room:hand-raised", (p) => inRoom(p) && print({ event: "hand-raised", userId: p.userId,
  timestamp: p.timestamp }));
socket.on("room:speaking-changed", (p) => inRoom(p) && print({ event: "speaking", userId: p.userId,
  speaking: p.isSpeaking }));
socket.on("room:promoted", (p) => inRoom(p) && print({ event: "promoted", role: p.newRole, by: p.by }));
socket.on("room:muted", (p) => {
  if (!inRoom(p)) return;
  mesh.muteChanged(me, true);
  print({ event: "muted", by: p.by, reason: p.reason });
});
socket.on("room:kicked", (p) => {
  if (!inRoom(p)) return;
  mesh.close();
  print({ event: "kicked", reason: p.reason });
});
socket.on("room:ended", (p) => {
  if (!inRoom(p)) return;
  mesh.close();
  print({ event: "ended", reason: p.reason });
});

// --- the seed's join: {roomId, role}; the room's state is pushed after it ---
const pushed = once(socket, "room:state", 10_000);
const join = await call(socket, "room:join", { roomId, role: "listener" });
if (!join.ok) fail("join refused", { error: join.error });
try {
  const state = await pushed;
  print({ event: "ready", userId: me, roomId, role: state.you.role, status: join.status });
} catch (e) {
  fail("no room:state after the join", { error: String(e) });
}

/** Wrong-shaped and unknown events: each must come back as the documented typed error, the session going on. */
async function badEvents() {
  const host = [...mesh.members.keys()].find((id) => id !== me) ?? me;
  const tries = [
    ["room:dance", { roomId }],
    ["webrtc:offer", { roomId, peerId: host, offer: 42 }],
    ["webrtc:offer", { roomId, peerId: host, offer: { type: "answer", sdp: "v=0" } }],
    ["webrtc:ice-candidate", { roomId, peerId: host, candidate: { candidate: "candidate:1", port: 9 } }],
    ["room:join", { roomId, role: "dj" }],
    ["room:mute-toggle", { roomId, muted: "yes" }],
  ];
  for (const [event, payload] of tries) {
    const answer = await call(socket, event, payload);
    print({ event: "refused", sent: event, ok: answer.ok, code: answer.error?.code, field: answer.error?.field });
  }
  // without an acknowledgement the refusal comes back as an `error` event
  const errorEvent = once(socket, "error", 5000).catch(() => null);
  socket.emit("room:dance", { roomId });
  const body = await errorEvent;
  print({ event: "refused", sent: "room:dance (no ack)", code: body?.error?.code });
}

/** The seed's room:mute-toggle; the acknowledgement is the room's yes, so the tone starts or stops with it. */
async function muteToggle(muted) {
  const answer = await call(socket, "room:mute-toggle", { roomId, muted });
  if (answer.ok) mesh.muteChanged(me, muted);
  return answer;
}

const commands = {
  "raise-hand": () => call(socket, "room:hand-raise", { roomId }),
  "lower-hand": () => call(socket, "room:hand-lower", { roomId }),
  "speak-request": () => call(socket, "room:speak-request", { roomId }),
  mute: () => muteToggle(true),
  unmute: () => muteToggle(false),
  leave: () => call(socket, "room:leave", { roomId }),
  "bad-events": async () => {
    await badEvents();
    return { ok: true };
  },
  levels: async () => {
    print({ event: "levels", sending: mesh.sending(), connected: socket.connected,
      links: [...mesh.links].map(([peer, l]) => ({ peer, state: l.pc.connectionState, offerer: l.offerer })) });
    return { ok: true };
  },
  people: async () => {
    print({ event: "people", participants: [...mesh.members].map(([userId, m]) => ({ userId, ...m })) });
    return { ok: true };
  },
};

function quit() {
  clearInterval(reporter);
  stopTone();
  mesh.close();
  track.stop();
  socket.disconnect();
  print({ event: "bye" });
  // the native module's threads do not wind down by themselves: end the process
  setTimeout(() => process.exit(0), 100);
}

createInterface({ input: process.stdin }).on("line", async (raw) => {
  const cmd = raw.trim();
  if (cmd === "") return;
  if (cmd === "quit") return quit();
  const run = commands[cmd];
  if (!run) return print({ event: "error", message: `unknown command ${cmd}` });
  const answer = await run();
  print(answer.ok ? { event: "done", command: cmd, status: answer.status }
    : { event: "failed", command: cmd, code: answer.error?.code, message: answer.error?.message });
}).on("close", quit);
