package org.twingrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CsvReader on small files the tests write: both label positions, headers, scales, and every kind of bad input. */
class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cmuFormatHasPixelsThenLabel() throws IOException {
        Dataset d = CsvReader.read(write("cmu.csv", "0,0.5,1,3\n0.25,0.125,0,7\n"), CsvFormat.CMU.withClasses(10));
        assertEquals(2, d.rows());
        assertEquals(3, d.cols());
        assertArrayEquals(new double[] {0, 0.5, 1, 0.25, 0.125, 0}, d.features());
        assertArrayEquals(new int[] {3, 7}, d.labels());
    }

    @Test
    void kaggleFormatHasHeaderThenLabelFirstAndPixelsOver255() throws IOException {
        Dataset d = CsvReader.read(write("kaggle.csv", "label,pixel0,pixel1\n5,0,255\n1,51,102\n"), CsvFormat.KAGGLE);
        assertArrayEquals(new int[] {5, 1}, d.labels());
        assertArrayEquals(new double[] {0, 1, 0.2, 0.4}, d.features());
    }

    @Test
    void headerAndScaleCanBeDetected() throws IOException {
        CsvFormat auto = new CsvFormat(true, CsvFormat.Header.AUTO, CsvFormat.DETECT, 10);
        Dataset withHeader = CsvReader.read(write("h.csv", "label,a,b\n2,0,255\n"), auto);
        assertArrayEquals(new double[] {0, 1}, withHeader.features());
        Dataset noHeader = CsvReader.read(write("n.csv", "2,0,0.5\r\n3,1,0.25\r\n"), auto);
        assertEquals(2, noHeader.rows());
        assertArrayEquals(new double[] {0, 0.5, 1, 0.25}, noHeader.features(), "values <= 1 are kept as they are");
    }

    @Test
    void gzippedFilesAreRecognizedByTheirMagicBytes() throws IOException {
        Path p = dir.resolve("g.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("0.5,0.5,1\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertEquals(1, CsvReader.read(p, CsvFormat.CMU).label(0));
    }

    @Test
    void numbersParseExactlyAsDoubleParseDouble() throws IOException {
        String[] cells = {"0.1", "0.333", "0.999", "1e-3", "0.30000000000000004", "0.123456789012345678", "7"};
        Dataset d = CsvReader.read(write("x.csv", String.join(",", cells) + ",0\n"), CsvFormat.CMU.withScale(CsvFormat.UNBOUNDED));
        for (int i = 0; i < cells.length; i++) {
            assertEquals(Double.parseDouble(cells[i]), d.feature(0, i), cells[i]);
        }
    }

    private MalformedDataException bad(String name, String text, CsvFormat format) throws IOException {
        Path p = write(name, text);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> CsvReader.read(p, format));
        assertTrue(e.getMessage().startsWith(p.toString() + " "), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsNamesLineAndBothCounts() throws IOException {
        var e = bad("cols.csv", "0,0,1\n0,0,0,1\n", CsvFormat.CMU);
        assertTrue(e.getMessage().endsWith("line 2: expected 3 columns, found 4 columns"), e.getMessage());
    }

    @Test
    void aNonNumericCellNamesLineColumnAndTheText() throws IOException {
        var e = bad("nan.csv", "0,0,1\n0,abc,1\n", CsvFormat.CMU);
        assertTrue(e.getMessage().endsWith("line 2, column 2: expected a number, found 'abc'"), e.getMessage());
        var empty = bad("emptycell.csv", "0,,1\n", CsvFormat.CMU);
        assertTrue(empty.getMessage().endsWith("line 1, column 2: expected a number, found an empty cell"), empty.getMessage());
    }

    @Test
    void aLabelOutside0To9IsRejected() throws IOException {
        var e = bad("label.csv", "0,0,1\n0,0,10\n", CsvFormat.CMU);
        assertTrue(e.getMessage().endsWith("line 2, column 3: expected an integer label in 0..9, found 10"), e.getMessage());
        var frac = bad("frac.csv", "0,0,1.5\n", CsvFormat.CMU);
        assertTrue(frac.getMessage().contains("found 1.5"), frac.getMessage());
    }

    @Test
    void aPixelOutsideItsRangeIsRejected() throws IOException {
        var e = bad("pixel.csv", "0,1.5,1\n", CsvFormat.CMU);
        assertTrue(e.getMessage().endsWith("line 1, column 2: expected a pixel value in [0, 1], found 1.5"), e.getMessage());
        var neg = bad("neg.csv", "label,a\n1,-3\n", CsvFormat.KAGGLE);
        assertTrue(neg.getMessage().endsWith("line 2, column 2: expected a pixel value in [0, 255], found -3"), neg.getMessage());
    }

    @Test
    void anEmptyFileOrAHeaderWithoutRowsIsRejected() throws IOException {
        var e = bad("empty.csv", "", CsvFormat.CMU);
        assertTrue(e.getMessage().endsWith("line 1: expected CSV rows of features and a label, found an empty file"), e.getMessage());
        var h = bad("header.csv", "label,a\n", CsvFormat.KAGGLE);
        assertTrue(h.getMessage().contains("expected data rows after the header"), h.getMessage());
    }

    /** Issue 12, case 1: a first row with one bad cell was taken for a header and dropped without a word. */
    @Test
    void aFirstRowWithSomeNumbersIsDataAndItsBadCellAnError() throws IOException {
        CsvFormat auto = CsvFormat.CMU.withHeader(CsvFormat.Header.AUTO);
        var typo = bad("typo.csv", "0.1,0.2x,1\n0.3,0.4,2\n", auto);
        assertTrue(typo.getMessage().endsWith("line 1, column 2: expected a number, found '0.2x'"), typo.getMessage());
        var nan = bad("nan1.csv", "nan,0.2,1\n0.3,0.4,2\n", auto);
        assertTrue(nan.getMessage().endsWith("line 1, column 1: expected a number, found 'nan'"), nan.getMessage());
        assertEquals(1, CsvReader.read(write("hdr.csv", "a,b,label\n0.3,0.4,2\n"), auto).rows(), "a header of names only is skipped");
    }

    @Test
    void aByteOrderMarkIsSkippedNotTakenForAHeader() throws IOException {
        CsvFormat auto = CsvFormat.CMU.withHeader(CsvFormat.Header.AUTO);
        Path p = dir.resolve("bom.csv");
        Files.write(p, ("\uFEFF0.1,0.2,1\n0.3,0.4,2\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Dataset d = CsvReader.read(p, auto);
        assertEquals(2, d.rows(), "both rows, the first one too");
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, d.features());
        Files.write(p, ("\uFEFFa,b,label\n0.3,0.4,2\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, CsvReader.read(p, auto).rows(), "a header after a BOM is still a header");
    }

    /** Issue 12, case 6: a short row whose last cell is a pixel was reported as a bad label. */
    @Test
    void aShortRowIsReportedAsShortNotAsABadLabel() throws IOException {
        var e = bad("short.csv", "0.1,0.2,0.3,1\n0.1,0.2,0.5\n", CsvFormat.CMU);
        assertTrue(e.getMessage().endsWith("line 2: expected 4 columns, found 3 columns"), e.getMessage());
    }

    @Test
    void aFolderGivenAsADataFileIsNamedAsAFolder() throws IOException {
        IOException e = assertThrows(IOException.class, () -> CsvReader.read(dir, CsvFormat.CMU));
        assertEquals(dir + ": is a folder, expected a data file", e.getMessage());
    }

    @Test
    void aMissingFileIsAnIOExceptionNamingIt() {
        Path p = dir.resolve("missing.csv");
        IOException e = assertThrows(IOException.class, () -> CsvReader.read(p, CsvFormat.CMU));
        assertTrue(e.getMessage().contains("missing.csv"));
    }
}
