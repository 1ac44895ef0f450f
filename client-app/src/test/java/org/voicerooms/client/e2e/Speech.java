package org.voicerooms.client.e2e;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spoken words for a pipe microphone: sentences said by {@code espeak-ng}, turned into 16-bit mono PCM at 48 kHz
 * with a pause after each, and played into the pipe in real time, 10 ms at a time, over and over. Speech, not a
 * tone, where echo cancellation, noise suppression or voice activity are judged: they treat a steady tone as noise.
 */
final class Speech extends Thread implements AutoCloseable {

    static final int RATE = 48_000;
    private final Path fifo;
    private final short[] pcm;
    private volatile boolean running = true;

    private Speech(Path fifo, short[] pcm) {
        super("speech");
        this.fifo = fifo;
        this.pcm = pcm;
        setDaemon(true);
    }

    /** How long the sentences take once through, pauses included: a window this long hears all of them. */
    double seconds() {
        return (double) pcm.length / RATE;
    }

    /** Whether espeak-ng is installed. */
    static boolean available() {
        return PrivateNetwork.onPath("espeak-ng");
    }

    /** Devices mic{name} (a pipe) and spk{name}, the microphone saying {@code sentences} with a pause after each. */
    static Speech into(PrivateNetwork net, Path dir, String name, List<String> sentences) throws IOException,
            InterruptedException {
        Path fifo = dir.resolve("mic" + name + ".fifo");
        Files.deleteIfExists(fifo);
        net.pipeDevices(name, fifo);
        Speech speech = new Speech(fifo, say(dir, sentences, 700));
        speech.start();
        return speech;
    }

    /** The sentences as 48 kHz samples, {@code pauseMs} of silence after each. */
    static short[] say(Path dir, List<String> sentences, int pauseMs) throws IOException, InterruptedException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        int i = 0;
        for (String sentence : sentences) {
            Path wav = dir.resolve("speech-" + i++ + ".wav");
            Process p = new ProcessBuilder("espeak-ng", "-v", "en", "-s", "160", "-w", wav.toString(), sentence)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("espeak-ng failed: " + out);
            }
            short[] words = to48k(Files.readAllBytes(wav));
            ByteBuffer b = ByteBuffer.allocate((words.length + RATE * pauseMs / 1000) * 2)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (short s : words) {
                b.putShort(s);
            }
            all.write(b.array());
        }
        byte[] bytes = all.toByteArray();
        short[] out = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /** A 16-bit mono WAV file's samples, at 48 kHz (linear interpolation from espeak-ng's 22,050 Hz). */
    static short[] to48k(byte[] wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int rate = b.getInt(24);
        int channels = b.getShort(22);
        if (channels != 1 || b.getShort(34) != 16) {
            throw new IOException("not 16-bit mono");
        }
        int at = 12; // chunks after "RIFF" size "WAVE"
        while (at + 8 <= wav.length) {
            int size = b.getInt(at + 4);
            if (wav[at] == 'd' && wav[at + 1] == 'a' && wav[at + 2] == 't' && wav[at + 3] == 'a') {
                int n = Math.min(size, wav.length - at - 8) / 2;
                short[] in = new short[n];
                for (int i = 0; i < n; i++) {
                    in[i] = b.getShort(at + 8 + 2 * i);
                }
                int outN = (int) ((long) n * RATE / rate);
                short[] out = new short[outN];
                for (int j = 0; j < outN; j++) {
                    double x = (double) j * rate / RATE;
                    int i0 = Math.min(n - 1, (int) x);
                    int i1 = Math.min(n - 1, i0 + 1);
                    double f = x - i0;
                    out[j] = (short) Math.round((1 - f) * in[i0] + f * in[i1]);
                }
                return out;
            }
            at += 8 + size + (size & 1);
        }
        throw new IOException("no data chunk");
    }

    @Override
    public void run() {
        int chunk = RATE / 100;
        byte[] out10 = new byte[chunk * 2];
        try (OutputStream out = new FileOutputStream(fifo.toFile())) {
            long start = System.nanoTime();
            long n = 0;
            int at = 0;
            while (running) {
                long wait = start + n * 10_000_000L - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                n++;
                for (int i = 0; i < chunk; i++) {
                    short v = pcm[at];
                    at = (at + 1) % pcm.length;
                    out10[2 * i] = (byte) v;
                    out10[2 * i + 1] = (byte) (v >> 8);
                }
                out.write(out10);
            }
        } catch (IOException e) {
            if (running) {
                System.err.println("speech stopped: " + e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        interrupt();
    }
}
