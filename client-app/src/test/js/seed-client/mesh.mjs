// The audio mesh of one room, by the rules docs/REALTIME.md ("Audio topology") states: two members keep a peer
// connection when at least one of them is on stage; the lower user id offers; only the offering side ever starts a
// connection over. One two-way audio transceiver per connection; the tone track rides on it from the start, and
// whether it carries sound follows the member's role and mute (a listener or a muted speaker sends nothing).
import wrtc from "@roamhq/wrtc";

const { RTCPeerConnection, nonstandard } = wrtc;
const ON_STAGE = new Set(["host", "moderator", "speaker"]);
const EARLY_KEPT_MS = 10_000;
const CONNECT_LIMIT_MS = 6_000;
const DISCONNECTED_LIMIT_MS = 3_000;

export class Mesh {
  /**
   * @param socket   the connected socket.io-client socket
   * @param roomId   the room
   * @param track    the local audio track (wrtc RTCAudioSource.createTrack())
   * @param iceServers from GET /api/ice-servers
   * @param shape    "seed": offer/answer/candidate objects as the seed lists them; "ours": {sdp} and flat candidates
   * @param hearing  Hearing, fed each peer's decoded audio while the room has that peer speaking
   * @param print    one JSON line out
   */
  constructor({ socket, roomId, track, iceServers, shape, hearing, print }) {
    Object.assign(this, { socket, roomId, track, iceServers, shape, hearing, print });
    this.members = new Map(); // userId -> {role, muted}
    this.me = null;
    this.links = new Map(); // peerId -> Link
    this.early = new Map(); // peerId -> [{init, at}]
    this.live = false;
    // Listen before the join goes out: the peer that offers does so as soon as it hears we joined.
    // relayed descriptions carry both shapes: the seed's `offer`/`answer` object and our `sdp`
    const sdp = (p, type) => (shape === "seed" ? description(p, type) : p.sdp);
    socket.on("webrtc:offer", (p) => p.roomId === roomId && this.onOffer(p.peerId, sdp(p, "offer")));
    socket.on("webrtc:answer", (p) => p.roomId === roomId && this.onAnswer(p.peerId, sdp(p, "answer")));
    socket.on("webrtc:ice-candidate", (p) => p.roomId === roomId && this.onCandidate(p.peerId, candidateInit(p)));
    this.timer = setInterval(() => this.reconcile(), 1000);
  }

  /** The room as `room:state` says: everyone listed, and this member. */
  state(state) {
    this.members.clear();
    for (const p of state.participants) this.members.set(p.userId, { role: p.role, muted: p.muted });
    this.me = state.you.userId;
    this.members.set(this.me, { role: state.you.role, muted: state.you.muted });
    // `peers` is the server's own word on the edges. The whole stage is always listed, so a peer missing from
    // `participants` is a listener beyond the list (hidden audience, or past state-participants-max).
    for (const peer of state.peers || []) {
      if (!this.members.has(peer.peerId)) this.members.set(peer.peerId, { role: "listener", muted: true });
    }
    this.live = true;
    this.reconcile();
  }

  joined(participant) {
    this.members.set(participant.userId, { role: participant.role, muted: participant.muted });
    this.reconcile();
  }

  left(userId) {
    this.members.delete(userId);
    this.reconcile();
  }

  roleChanged(userId, role) {
    const m = this.members.get(userId);
    if (m) m.role = role;
    this.reconcile();
  }

  muteChanged(userId, muted) {
    const m = this.members.get(userId);
    if (m) m.muted = muted;
  }

  /** Whether this member's microphone carries sound: on stage and not muted, as the room holds it. */
  sending() {
    const m = this.members.get(this.me);
    return this.live && !!m && ON_STAGE.has(m.role) && !m.muted;
  }

  you() {
    return this.members.get(this.me);
  }

  /** Only who the room has speaking is played (and measured) here, whatever their client sends. */
  audible(peerId) {
    const m = this.members.get(peerId);
    return !!m && ON_STAGE.has(m.role) && !m.muted;
  }

  wanted() {
    const mine = this.you();
    const out = new Set();
    if (!this.live || !mine) return out;
    for (const [id, m] of this.members) {
      if (id !== this.me && (ON_STAGE.has(mine.role) || ON_STAGE.has(m.role))) out.add(id);
    }
    return out;
  }

  reconcile() {
    const wanted = this.wanted();
    for (const [peerId, link] of this.links) {
      if (!wanted.has(peerId) || link.stale()) {
        this.print({ event: "link-closed", peer: peerId, state: link.pc.connectionState, wanted: wanted.has(peerId) });
        link.close();
        this.links.delete(peerId);
      }
    }
    for (const peerId of wanted) {
      if (!this.links.has(peerId) && this.me < peerId) this.offer(peerId);
    }
  }

  link(peerId, offerer) {
    const link = new Link(this, peerId, offerer);
    this.links.set(peerId, link);
    return link;
  }

  async offer(peerId) {
    const link = this.link(peerId, true);
    this.print({ event: "offering", peer: peerId });
    try {
      link.pc.addTransceiver(this.track, { direction: "sendrecv" });
      const offer = await link.pc.createOffer();
      await link.pc.setLocalDescription(offer);
      this.send("webrtc:offer", peerId, "offer", link.pc.localDescription.sdp);
    } catch (e) {
      this.print({ event: "link-error", peer: peerId, message: String(e) });
    }
  }

  async onOffer(peerId, sdp) {
    const old = this.links.get(peerId);
    if (old) {
      // a new offer on a negotiated link: the peer started over, so the old connection goes
      old.close();
      this.links.delete(peerId);
    }
    const link = this.link(peerId, false);
    this.print({ event: "answering", peer: peerId });
    try {
      await link.pc.setRemoteDescription({ type: "offer", sdp });
      link.remoteSet = true;
      for (const t of link.pc.getTransceivers()) {
        t.direction = "sendrecv";
        await t.sender.replaceTrack(this.track);
      }
      const answer = await link.pc.createAnswer();
      await link.pc.setLocalDescription(answer);
      this.send("webrtc:answer", peerId, "answer", link.pc.localDescription.sdp);
      const kept = this.early.get(peerId) || [];
      this.early.delete(peerId);
      for (const e of kept) await link.pc.addIceCandidate(e.init);
    } catch (e) {
      this.print({ event: "link-error", peer: peerId, message: String(e) });
    }
  }

  async onAnswer(peerId, sdp) {
    const link = this.links.get(peerId);
    if (!link || !link.offerer) return;
    try {
      await link.pc.setRemoteDescription({ type: "answer", sdp });
      link.remoteSet = true;
    } catch (e) {
      this.print({ event: "link-error", peer: peerId, message: String(e) });
    }
  }

  async onCandidate(peerId, init) {
    const link = this.links.get(peerId);
    if (link && link.remoteSet) {
      try {
        await link.pc.addIceCandidate(init);
      } catch (e) {
        this.print({ event: "link-error", peer: peerId, message: String(e) });
      }
      return;
    }
    // before its connection (or its remote description): kept for a while, handed over by the offer
    const now = Date.now();
    const list = (this.early.get(peerId) || []).filter((e) => now - e.at < EARLY_KEPT_MS);
    list.push({ init, at: now });
    this.early.set(peerId, list);
  }

  /** A description in the chosen shape: the seed's `offer`/`answer` object, or our `sdp` string. */
  send(event, peerId, type, sdp) {
    const payload = this.shape === "seed" ? { roomId: this.roomId, peerId, [type]: { type, sdp } }
      : { roomId: this.roomId, peerId, sdp };
    this.socket.timeout(5000).emit(event, payload, (err, ack) => {
      if (err || !ack?.ok) this.print({ event: "relay-refused", sent: event, error: err ? String(err) : ack.error });
    });
  }

  sendCandidate(peerId, c) {
    const init = { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex };
    const payload = this.shape === "seed" ? { roomId: this.roomId, peerId, candidate: init }
      : { roomId: this.roomId, peerId, ...init };
    this.socket.timeout(5000).emit("webrtc:ice-candidate", payload, (err, ack) => {
      if (err || !ack?.ok) this.print({ event: "relay-refused", sent: "webrtc:ice-candidate",
        error: err ? String(err) : ack.error });
    });
  }

  close() {
    this.live = false;
    clearInterval(this.timer);
    for (const link of this.links.values()) link.close();
    this.links.clear();
  }
}

/** A relayed description's SDP: the seed's `offer`/`answer` object (or string), else our `sdp`. */
function description(p, type) {
  const d = p[type];
  if (typeof d === "string") return d;
  if (d && typeof d.sdp === "string") return d.sdp;
  return p.sdp;
}

/** A relayed candidate as an RTCIceCandidateInit: the server sends it flat; an object is taken as it is. */
function candidateInit(p) {
  if (p.candidate && typeof p.candidate === "object") return p.candidate;
  return { candidate: p.candidate, sdpMid: p.sdpMid ?? null, sdpMLineIndex: p.sdpMLineIndex ?? null };
}

class Link {
  constructor(mesh, peerId, offerer) {
    this.mesh = mesh;
    this.peerId = peerId;
    this.offerer = offerer;
    this.createdAt = Date.now();
    this.stateSince = Date.now();
    this.everConnected = false;
    this.remoteSet = false;
    this.sinks = [];
    this.pc = new RTCPeerConnection({ iceServers: mesh.iceServers });
    this.pc.onicecandidate = (e) => e.candidate && e.candidate.candidate && mesh.sendCandidate(peerId, e.candidate);
    this.pc.onconnectionstatechange = () => {
      const s = this.pc.connectionState;
      this.stateSince = Date.now();
      if (s === "connected") this.everConnected = true;
      mesh.print({ event: "link", peer: peerId, state: s, offerer });
    };
    this.pc.ontrack = (e) => {
      if (e.track.kind !== "audio") return;
      const sink = new nonstandard.RTCAudioSink(e.track);
      sink.ondata = (data) => {
        if (mesh.audible(peerId)) mesh.hearing.add(peerId, data);
      };
      this.sinks.push(sink);
    };
  }

  /** Only the offering side starts over: failed, disconnected too long, or never connected in time. */
  stale() {
    const s = this.pc.connectionState;
    if (!this.offerer) return s === "closed";
    const since = Date.now() - this.stateSince;
    return s === "failed" || s === "closed" || (s === "disconnected" && since > DISCONNECTED_LIMIT_MS)
      || (!this.everConnected && Date.now() - this.createdAt > CONNECT_LIMIT_MS);
  }

  close() {
    for (const s of this.sinks) s.stop();
    this.sinks = [];
    this.pc.close();
  }
}
