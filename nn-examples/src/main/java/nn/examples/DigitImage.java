package nn.examples;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * An ordinary image file (PNG, JPEG, anything {@code javax.imageio} reads) turned into an MNIST input, the way
 * MNIST's own digits were made: greyscale; a light background inverted so that the digit is bright on black; the
 * digit's bounding box scaled (area-averaged, aspect kept) so that its longer side is 20 pixels; placed in a
 * 28 × 28 field so that its centre of mass falls on the centre; values in [0, 1] ({@code v / 255}, as the book
 * normalises).
 */
final class DigitImage {

    static final int SIDE = 28;
    static final int BOX = 20;

    /** Pixels at most this bright (after inversion) are background when the digit's bounding box is sought. */
    private static final double INK = 0.1;

    private DigitImage() {}

    /** The 784 pixels of {@code file}, row-major, in [0, 1]. */
    static double[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP) nor an IDX file");
        }
        return fromImage(image);
    }

    /** The same for an image in memory. */
    static double[] fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] grey = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                double alpha = ((argb >>> 24) & 0xff) / 255.0;
                double luminance =
                        (0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff)) / 255.0;
                grey[y * w + x] = alpha * luminance + (1 - alpha); // transparent is paper: white
            }
        }
        if (borderMean(grey, w, h) > 0.5) { // dark ink on light paper: MNIST is light ink on black
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 1 - grey[i];
            }
        }
        int left = w;
        int right = -1;
        int top = h;
        int bottom = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey[y * w + x] > INK) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0) {
            return new double[SIDE * SIDE]; // a blank image
        }
        int cw = right - left + 1;
        int ch = bottom - top + 1;
        double scale = (double) BOX / Math.max(cw, ch);
        int sw = Math.max(1, (int) Math.round(cw * scale));
        int sh = Math.max(1, (int) Math.round(ch * scale));
        BufferedImage crop = new BufferedImage(cw, ch, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int v = (int) Math.round(grey[(top + y) * w + left + x] * 255);
                crop.getRaster().setSample(x, y, 0, v);
            }
        }
        Image scaled = crop.getScaledInstance(sw, sh, Image.SCALE_AREA_AVERAGING);
        BufferedImage box = new BufferedImage(sw, sh, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = box.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(scaled, 0, 0, null);
        g.dispose();
        // Centre of mass of the scaled digit, then the offset that puts it on the field's centre.
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                double v = box.getRaster().getSample(x, y, 0);
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        int ox = clamp((int) Math.round(SIDE / 2.0 - (mass == 0 ? sw / 2.0 : mx / mass + 0.5)), SIDE - sw);
        int oy = clamp((int) Math.round(SIDE / 2.0 - (mass == 0 ? sh / 2.0 : my / mass + 0.5)), SIDE - sh);
        double[] pixels = new double[SIDE * SIDE];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                pixels[(oy + y) * SIDE + ox + x] = box.getRaster().getSample(x, y, 0) / 255.0;
            }
        }
        return pixels;
    }

    private static int clamp(int offset, int max) {
        return Math.max(0, Math.min(offset, max));
    }

    private static double borderMean(double[] grey, int w, int h) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < w; x++) {
            sum += grey[x] + grey[(h - 1) * w + x];
            n += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            sum += grey[y * w] + grey[y * w + w - 1];
            n += 2;
        }
        return sum / n;
    }
}
