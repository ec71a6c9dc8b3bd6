package org.dcganstudio.app.arithmetic;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.io.AtomicFiles;

/**
 * The paper's Figure 7 layout as a PNG: one row per group (its members, then their average set
 * apart), the sign of each term before its row, and the 3×3 result grid on the right.
 *
 * @param rows per group, the images of its members that were drawn, then its average's
 * @param signs per group, "+" or "−"
 * @param grid the result grid in 3×3 order
 */
record ArithmeticFigure(List<List<Pixels>> rows, List<String> signs, List<Pixels> grid) {

    private static final int GAP = 4;
    private static final int SIGN = 28;

    /** The figure of what is on show now, taken on the UI thread so it can be written off it. */
    static ArithmeticFigure of(List<LatentGroup> groups, List<Pixels> grid) {
        List<List<Pixels>> rows = new ArrayList<>();
        List<String> signs = new ArrayList<>();
        for (LatentGroup g : groups) {
            List<Pixels> row = new ArrayList<>();
            g.members().forEach(m -> {
                if (m.pixels() != null) {
                    row.add(m.pixels());
                }
            });
            row.add(g.averageProperty().get());
            rows.add(row);
            signs.add(g.sign() > 0 ? "+" : "−");
        }
        return new ArithmeticFigure(rows, signs, grid);
    }

    /** Writes the PNG, each image enlarged {@code scale} times. */
    void write(Path file, int scale) throws IOException {
        int tile = grid.get(0).width() * scale;
        int widest = rows.stream().mapToInt(List::size).max().orElse(1);
        int left = SIGN + widest * (tile + GAP) + 2 * GAP;
        int groupsHeight = rows.size() * (tile + GAP) + GAP;
        int gridSide = 3 * (tile + GAP) + GAP;
        int width = left + SIGN + gridSide;
        int height = Math.max(groupsHeight, gridSide);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.setColor(Color.DARK_GRAY);
        for (int r = 0; r < rows.size(); r++) {
            int y = GAP + r * (tile + GAP);
            g.drawString(signs.get(r), 8, y + tile / 2 + 7);
            List<Pixels> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                // the average sits in the last column, apart from the members
                int column = i == row.size() - 1 ? widest - 1 : i;
                int x = SIGN + column * (tile + GAP) + (i == row.size() - 1 ? GAP : 0);
                draw(img, row.get(i), scale, x, y);
            }
        }
        g.drawString("=", left + 6, height / 2 + 7);
        g.dispose();
        for (int i = 0; i < grid.size(); i++) {
            draw(img, grid.get(i), scale, left + SIGN + GAP + (i % 3) * (tile + GAP), GAP + (i / 3) * (tile + GAP));
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static void draw(BufferedImage img, Pixels p, int scale, int x, int y) {
        if (p == null) {
            return;
        }
        Pixels big = p.scaled(scale);
        img.setRGB(x, y, big.width(), big.height(), big.argb(), 0, big.width());
    }
}
