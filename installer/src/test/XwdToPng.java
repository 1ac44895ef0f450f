import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Turns an X window dump ({@code xwd -root}) of a 24-bit TrueColor display, as Xvfb makes, into a PNG: the install
 * test's screenshot of the installed app's first window, without an image toolkit on the machine.
 * Run as a source file: {@code java XwdToPng.java screen.xwd screen.png}.
 */
public final class XwdToPng {

    private XwdToPng() {
    }

    public static void main(String[] args) throws IOException {
        try (DataInputStream in = new DataInputStream(new FileInputStream(args[0]))) {
            int[] h = new int[25];
            for (int i = 0; i < h.length; i++) {
                h[i] = in.readInt();
            }
            int headerSize = h[0];
            int width = h[4];
            int height = h[5];
            int byteOrder = h[7];
            int bitsPerPixel = h[11];
            int bytesPerLine = h[12];
            int colormapEntries = h[19];
            if (bitsPerPixel != 32 && bitsPerPixel != 24) {
                throw new IOException("only 24 or 32 bits per pixel dumps, not " + bitsPerPixel);
            }
            int bytesPerPixel = bitsPerPixel / 8;
            in.skipNBytes(headerSize - 100L + 12L * colormapEntries);
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            byte[] line = new byte[bytesPerLine];
            for (int y = 0; y < height; y++) {
                in.readFully(line);
                for (int x = 0; x < width; x++) {
                    int o = x * bytesPerPixel;
                    int last = o + bytesPerPixel - 1;
                    int pixel = byteOrder == 0
                            ? (line[o] & 0xff) | (line[o + 1] & 0xff) << 8 | (line[o + 2] & 0xff) << 16
                            : (line[last] & 0xff) | (line[last - 1] & 0xff) << 8 | (line[last - 2] & 0xff) << 16;
                    image.setRGB(x, y, pixel);
                }
            }
            ImageIO.write(image, "png", new File(args[1]));
        }
    }
}
