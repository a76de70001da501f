package nn.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Hand-made digits for the predict tests: each drawn with a pen (round strokes, black on white, 100 × 100) the
 * way a person would write it. {@code main} writes them to src/test/resources/digits; a test checks that the
 * committed files are exactly what this draws.
 */
final class DigitDrawings {

    static final int SIZE = 100;

    private DigitDrawings() {}

    /** Writes 0.png … 9.png into the directory given (default: the test resources). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "nn-examples/src/test/resources/digits");
        Files.createDirectories(dir);
        for (int d = 0; d < 10; d++) {
            ImageIO.write(draw(d), "png", dir.resolve(d + ".png").toFile());
        }
    }

    static BufferedImage draw(int digit) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D p = new Path2D.Double();
        switch (digit) {
            case 0 -> g.drawOval(30, 15, 40, 70);
            case 1 -> {
                p.moveTo(40, 28);
                p.lineTo(55, 15);
                p.lineTo(55, 85);
            }
            case 2 -> {
                p.moveTo(28, 32);
                p.curveTo(30, 5, 75, 8, 70, 35);
                p.curveTo(66, 55, 40, 70, 27, 85);
                p.lineTo(75, 85);
            }
            case 3 -> {
                p.moveTo(28, 22);
                p.curveTo(45, 5, 80, 15, 68, 38);
                p.curveTo(62, 48, 50, 50, 45, 50);
                p.curveTo(85, 50, 80, 90, 50, 87);
                p.curveTo(38, 86, 30, 82, 26, 76);
            }
            case 4 -> {
                p.moveTo(58, 15);
                p.lineTo(28, 62);
                p.lineTo(78, 62);
                p.moveTo(60, 35);
                p.lineTo(60, 88);
            }
            case 5 -> {
                p.moveTo(72, 15);
                p.lineTo(36, 15);
                p.lineTo(32, 48);
                p.curveTo(50, 38, 80, 45, 74, 68);
                p.curveTo(68, 92, 38, 90, 28, 78);
            }
            case 6 -> {
                p.moveTo(66, 15);
                p.curveTo(40, 25, 28, 55, 32, 72);
                p.curveTo(38, 95, 72, 90, 70, 68);
                p.curveTo(68, 48, 40, 48, 33, 62);
            }
            case 7 -> {
                p.moveTo(26, 17);
                p.lineTo(74, 17);
                p.lineTo(44, 87);
            }
            case 8 -> {
                g.drawOval(35, 14, 30, 34);
                g.drawOval(31, 48, 38, 38);
            }
            case 9 -> {
                g.drawOval(32, 14, 36, 34);
                p.moveTo(68, 30);
                p.lineTo(62, 87);
            }
            default -> throw new IllegalArgumentException("a digit is 0 to 9, not " + digit);
        }
        g.draw(p);
        g.dispose();
        return image;
    }
}
