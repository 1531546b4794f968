package org.twingrad.bench.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Learning-curve plots as PNG files, drawn by XChart. */
final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** One named curve. */
    record Curve(String name, double[] x, double[] y) {
    }

    /** Draws {@code curves} into {@code file}; returns it. */
    static Path save(Path file, String title, String xAxis, String yAxis, List<Curve> curves) throws IOException {
        // Outside the plot: inside, the legend covered the last epochs of a rising accuracy curve.
        save(file, title, xAxis, yAxis, curves, org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return file;
    }

    /** As above, with the legend where {@code legend} says: outside the plot when many curves would hide behind it. */
    static void save(Path file, String title, String xAxis, String yAxis, List<Curve> curves,
                     org.knowm.xchart.style.Styler.LegendPosition legend) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(legend);
        for (Curve c : curves) {
            XYSeries s = chart.addSeries(c.name(), c.x(), c.y());
            if (c.x().length > 60) {
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        write(chart, file);
    }

    /**
     * One bar per category, labelled with its value: a sweep's validation accuracy per setting. The y-axis runs from
     * 0 so that the bars' lengths compare honestly; the printed values show differences the lengths hide.
     */
    static void bars(Path file, String title, String xAxis, String yAxis, List<String> categories, double[] values)
            throws IOException {
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(900).height(550)
                .title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        // Rounded to hundredths: the label prints the value as it is, and 64.60000000000001 helps no one.
        chart.addSeries(yAxis, categories,
                Arrays.stream(values).map(d -> Double.isFinite(d) ? Math.round(d * 100) / 100.0 : 0.0).boxed().toList());
        write(chart, file);
    }

    /** The colours of the figures' curves, one per run; bands use the same colour, transparent. */
    static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207), new Color(0, 0, 0)};

    /**
     * A figure with full control of its curves: colours, dashed lines, ± bands and the y-range ({@link #zoomY}).
     *
     * <pre>{@code
     * new Plots.Figure("2c: loss", "gradient steps", "cross-entropy loss")
     *         .line("training", steps, loss, Plots.PALETTE[0], false)
     *         .band("validation", x, mean, std, Plots.PALETTE[1])
     *         .zoomY(0.1).save(dir.resolve("loss.png"));
     * }</pre>
     */
    static final class Figure {
        private final XYChart chart;
        private final List<double[][]> visible = new ArrayList<>();

        Figure(String title, String xAxis, String yAxis) {
            chart = new XYChartBuilder().width(1150).height(560).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
            // Outside the plot area: inside, it covered the top of rising accuracy curves.
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            chart.getStyler().setMarkerSize(4);
        }

        /** A line; {@code dashed} for the second of a pair (validation beside training). */
        Figure line(String name, double[] x, double[] y, Color color, boolean dashed) {
            if (x.length == 0) {
                return this;   // XChart refuses an empty series; a run stopped before its first point has nothing to draw
            }
            XYSeries s = chart.addSeries(name, x, y);
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(x.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            s.setLineStyle(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f)
                    : new BasicStroke(1.6f));
            visible.add(new double[][] {x, y});
            return this;
        }

        /** A thin, pale grey line (raw values under their smoothed curve); it does not set the zoomed y-range. */
        Figure faint(String name, double[] x, double[] y, Color color) {
            if (x.length == 0) {
                return this;   // XChart refuses an empty series; a run stopped before its first point has nothing to draw
            }
            XYSeries s = chart.addSeries(name, x, y);
            // Grey, not the curve's colour: thousands of raw points in that colour hid the band drawn over them.
            s.setLineColor(new Color(150, 150, 150, 60));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(0.6f));
            return this;
        }

        /** The mean as a line and mean ± std as a shaded band of the same colour. */
        Figure band(String name, double[] x, double[] mean, double[] std, Color color) {
            if (x.length == 0) {
                return this;   // XChart refuses an empty series; a run stopped before its first point has nothing to draw
            }
            int n = x.length;
            double[] px = new double[2 * n + 1];
            double[] py = new double[2 * n + 1];
            for (int i = 0; i < n; i++) {
                px[i] = x[i];
                py[i] = mean[i] + std[i];
                px[2 * n - 1 - i] = x[i];
                py[2 * n - 1 - i] = mean[i] - std[i];
            }
            px[2 * n] = px[0];   // closes the polygon
            py[2 * n] = py[0];
            XYSeries area = chart.addSeries(name + " ± std", px, py);
            area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            area.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
            area.setLineColor(new Color(0, 0, 0, 0));
            area.setMarker(SeriesMarkers.NONE);
            line(name + " (mean)", x, mean, color, false);
            visible.add(new double[][] {px, py});
            return this;
        }

        /** Logarithmic y-axis (gradients that shrink by orders of magnitude). */
        Figure logY() {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(false);   // a range within one decade still gets labels
            chart.getStyler().setYAxisDecimalPattern("0.0E0");
            return this;
        }

        /** Logarithmic x-axis (a learning-rate grid). */
        Figure logX() {
            chart.getStyler().setXAxisLogarithmic(true);
            return this;
        }

        /**
         * y-limits spanning the curves' values once the first {@code skip} fraction of the x-range is past, with 5%
         * margins: the early transient (a loss of 2.3 falling to 0.3) no longer flattens the part where runs differ.
         */
        Figure zoomY(double skip) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double xMin = xs().min().orElse(Double.POSITIVE_INFINITY);
            double from = xMin + skip * (xs().max().orElse(Double.NEGATIVE_INFINITY) - xMin);
            for (double[][] c : visible) {
                for (int i = 0; i < c[0].length; i++) {
                    if (c[0][i] >= from && Double.isFinite(c[1][i])) {
                        lo = Math.min(lo, c[1][i]);
                        hi = Math.max(hi, c[1][i]);
                    }
                }
            }
            if (lo < hi) {
                double pad = 0.05 * (hi - lo);
                chart.getStyler().setYAxisMin(lo - pad);
                chart.getStyler().setYAxisMax(hi + pad);
            }
            return this;
        }

        /** Every x of the curves that set the zoomed y-range. */
        private DoubleStream xs() {
            return visible.stream().flatMapToDouble(c -> Arrays.stream(c[0]));
        }

        void save(Path file) throws IOException {
            if (!chart.getStyler().isXAxisLogarithmic()) {
                chart.getStyler().setXAxisMin(0.0);
                if (xs().max().orElse(0) >= 1000) {
                    // Short labels (2.5k): XChart 3.8 picks ticks like 1,065 and 1,136 whose full labels ran together.
                    chart.setCustomXAxisTickLabelsFormatter(v -> v == 0 ? "0" : String.format("%.1fk", v / 1000));
                }
            }
            write(chart, file);
        }
    }

    /** Waits for a plot drawn on another thread; its error is thrown here, as if it had been drawn on this one. */
    static void await(Future<Path> plot) throws IOException {
        try {
            plot.get();
        } catch (InterruptedException | ExecutionException e) {
            Throwable t = e instanceof ExecutionException ? e.getCause() : new java.io.InterruptedIOException("interrupted");
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) t;
        }
    }

    /** Writes {@code chart} to {@code file} as a PNG (XChart adds ".png" to the name it is given). */
    private static void write(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        String name = file.toString();
        BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
    }

    static double[] range(int from, int count) {
        return IntStream.range(from, from + count).asDoubleStream().toArray();
    }
}
