package statelab.bench;

import java.util.List;
import java.util.Locale;

/** The few SVG elements the bench chart draws, written as text with coordinates rounded to 0.1 px. */
final class SvgCanvas {
    /** The charts' frame: their width, and where every plot's left edge and first panel's top sit. */
    static final int WIDTH = 960;
    static final int LEFT = 70;
    static final int TOP = 50;
    /** One colour per cluster kind, in the registry's order, the same in every chart. */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd", "#8c564b");

    private final StringBuilder out = new StringBuilder();

    SvgCanvas(int width, int height) {
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                width, height, width, height));
    }

    void text(double x, double y, String text, int size, String anchor) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, anchor, escape(text)));
    }

    /** A plot's frame: its title above, its border, and four grid lines labelled from 0 up to {@code ceiling}. */
    void panel(double top, double width, double height, String title, double ceiling) {
        text(LEFT, top - 6, title, 13, "start");
        rect(LEFT, top, width, height);
        for (int t = 0; t <= 4; t++) {
            double y = top + height - height * t / 4.0;
            line(LEFT, y, LEFT + width, y, "#e0e0e0", 1, null);
            text(LEFT - 6, y + 4, label(ceiling * t / 4), 11, "end");
        }
    }

    void rect(double x, double y, double width, double height) {
        out.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>%n", x, y, width, height));
    }

    void line(double x1, double y1, double x2, double y2, String colour, double width, String dashes) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, colour, width, dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\""));
    }

    void polyline(double[] xs, double[] ys, String colour, String dashes) {
        out.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.8\"");
        if (dashes != null) {
            out.append(" stroke-dasharray=\"").append(dashes).append('"');
        }
        out.append(" points=\"");
        for (int i = 0; i < xs.length; i++) {
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", xs[i], ys[i]));
        }
        out.append("\"/>\n");
    }

    String done() {
        return out + "</svg>\n";
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value} (1 for nothing). */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= value) {
                return m * power;
            }
        }
        return 10 * power;
    }

    static String label(double value) {
        return value >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
