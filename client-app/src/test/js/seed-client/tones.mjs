// Test tones: a sine written into a WebRTC audio source in 10 ms frames at real-time pace, and Goertzel filters that
// say which known tone a peer's decoded audio holds. The same measure as the Java bots' ToneDetector: the dominant
// tone's share of the signal's energy, counted when it is at least half.

export const RATE = 48000;
export const FRAME = RATE / 100; // 10 ms

/** Feeds `source` (wrtc's nonstandard RTCAudioSource) a sine of `hz` while `sending()` says so; silence is not sent. */
export function startTone(source, hz, sending) {
  const started = process.hrtime.bigint();
  let frames = 0;
  let phase = 0;
  const step = (2 * Math.PI * hz) / RATE;
  const timer = setInterval(() => {
    const due = Number((process.hrtime.bigint() - started) / 10_000_000n);
    // after a stall, catch up by at most 100 ms rather than flood the encoder
    if (due - frames > 10) frames = due - 10;
    while (frames < due) {
      frames++;
      if (!sending()) continue; // a muted or listening member pauses the stream, as the seed says
      const samples = new Int16Array(FRAME);
      for (let i = 0; i < FRAME; i++) {
        samples[i] = Math.round(Math.sin(phase) * 0.5 * 32767);
        phase += step;
      }
      phase %= 2 * Math.PI;
      source.onData({ samples, sampleRate: RATE, bitsPerSample: 16, channelCount: 1, numberOfFrames: FRAME });
    }
  }, 10);
  return () => clearInterval(timer);
}

function goertzel(x, frequency, sampleRate) {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const s0 = x[i] + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** One 10 ms buffer (wrtc RTCAudioSink data): its level in dBFS and the known tone it holds (0: none). */
export function readTone(data, tones) {
  const channels = data.channelCount || 1;
  const frames = data.numberOfFrames || data.samples.length / channels;
  const x = new Float64Array(frames);
  let energy = 0;
  for (let i = 0; i < frames; i++) {
    const v = data.samples[i * channels] / 32768;
    x[i] = v;
    energy += v * v;
  }
  const rms = Math.sqrt(energy / Math.max(1, frames));
  const dbfs = rms <= 1e-9 ? -120 : 20 * Math.log10(rms);
  let best = 0;
  let bestShare = 0;
  for (const f of tones) {
    // a pure tone of amplitude A over N samples has Goertzel power (A*N/2)^2 and energy A^2*N/2
    const share = energy <= 1e-12 ? 0 : (2 * goertzel(x, f, data.sampleRate)) / (frames * energy);
    if (share > bestShare) {
      bestShare = share;
      best = f;
    }
  }
  return { dbfs, tone: bestShare >= 0.5 ? best : 0 };
}

/** What each peer sent since the last report: the tone most 10 ms buffers held, and their mean level. */
export class Hearing {
  constructor(tones) {
    this.tones = tones;
    this.window = new Map();
  }

  add(peerId, data) {
    const r = readTone(data, this.tones);
    let w = this.window.get(peerId);
    if (!w) {
      w = { counts: new Map(), dbfs: 0, n: 0 };
      this.window.set(peerId, w);
    }
    w.counts.set(r.tone, (w.counts.get(r.tone) || 0) + 1);
    w.dbfs += r.dbfs;
    w.n++;
  }

  /** The readings since the last call, one per peer that sent anything; peers that went quiet drop out. */
  drain() {
    const out = [];
    for (const [peer, w] of this.window) {
      let tone = 0;
      let most = -1;
      for (const [t, n] of w.counts) {
        if (n > most) {
          most = n;
          tone = t;
        }
      }
      out.push({ peer, tone, dbfs: Math.round((w.dbfs / w.n) * 10) / 10 });
    }
    this.window.clear();
    return out;
  }
}
