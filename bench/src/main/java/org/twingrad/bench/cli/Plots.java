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
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
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

    static double[] range(int from, int count) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = from + i;
        }
        return x;
    }
}
