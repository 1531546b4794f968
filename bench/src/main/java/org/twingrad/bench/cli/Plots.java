package org.twingrad.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    /** One named curve. {@code errors} (may be null) draws ± bars: a mean with its standard deviation. */
    record Curve(String name, double[] x, double[] y, double[] errors) {
        Curve(String name, double[] x, double[] y) {
            this(name, x, y, null);
        }
    }

    static void save(Path file, String title, String xAxis, String yAxis, List<Curve> curves) throws IOException {
        save(file, title, xAxis, yAxis, curves, org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    }

    /** As above, with the legend where {@code legend} says: outside the plot when many curves would hide behind it. */
    static void save(Path file, String title, String xAxis, String yAxis, List<Curve> curves,
                     org.knowm.xchart.style.Styler.LegendPosition legend) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(legend);
        for (Curve c : curves) {
            XYSeries s = c.errors() == null ? chart.addSeries(c.name(), c.x(), c.y())
                    : chart.addSeries(c.name(), c.x(), c.y(), c.errors());
            if (c.x().length > 60) {
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        String name = file.toString();
        BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
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
        List<Double> v = new java.util.ArrayList<>();
        for (double d : values) {
            // Rounded to hundredths: the label prints the value as it is, and 64.60000000000001 helps no one.
            v.add(Double.isFinite(d) ? Math.round(d * 100) / 100.0 : 0.0);
        }
        chart.addSeries(yAxis, categories, v);
        String name = file.toString();
        BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
    }

    static double[] range(int from, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = from + i;
        }
        return x;
    }
}
