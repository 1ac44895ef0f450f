package org.voicerooms.server.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * A request whose body reports how many bytes have been read so far, after every read, to a check that may stop the
 * read by throwing. The body-size limit of long-polling and the minimum body data rate both judge a body as it
 * arrives, whatever its framing (a chunked body has no length to check up front).
 */
public final class CountedBody extends HttpServletRequestWrapper {

    /** Judges the bytes read so far; throws to stop the read. */
    @FunctionalInterface
    public interface Check {
        void read(long total) throws IOException;
    }

    private final Check check;
    private ServletInputStream in;

    public CountedBody(HttpServletRequest req, Check check) {
        super(req);
        this.check = check;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (in == null) {
            ServletInputStream raw = super.getInputStream();
            in = new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = raw.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = raw.read(buf, off, len);
                    count(Math.max(0, n));
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    check.read(read);
                }

                @Override
                public boolean isFinished() {
                    return raw.isFinished();
                }

                @Override
                public boolean isReady() {
                    return raw.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    raw.setReadListener(listener);
                }
            };
        }
        return in;
    }
}
